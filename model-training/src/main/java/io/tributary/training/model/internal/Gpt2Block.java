package io.tributary.training.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tributary.training.model.ModelConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The GPT-2 decoder as a DJL block: embeddings, transformer layers, final norm and the tied LM head. */
public final class Gpt2Block extends DecoderNetwork {

    private final ModelConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final Norm finalNorm;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private final Map<String, Projection> projections = new LinkedHashMap<>();

    public Gpt2Block(ModelConfig config) {
        this.config = config;
        tokenEmbedding = addParameter(Parameter.builder()
                .setName("wte")
                .setType(Parameter.Type.WEIGHT)
                .build());
        positionEmbedding = addParameter(Parameter.builder()
                .setName("wpe")
                .setType(Parameter.Type.WEIGHT)
                .build());
        byName.put("wte.weight", tokenEmbedding);
        byName.put("wpe.weight", positionEmbedding);
        for (int i = 0; i < config.layers(); i++) {
            TransformerLayer layer = addChildBlock(
                    "h" + i,
                    new TransformerLayer(
                            i,
                            config.width(),
                            config.heads(),
                            config.innerWidth(),
                            config.layerNormEpsilon(),
                            config.exactGelu()));
            layers.add(layer);
            String prefix = "h." + i + ".";
            byName.put(prefix + "ln_1.weight", layer.ln1().gamma());
            byName.put(prefix + "ln_1.bias", layer.ln1().beta());
            byName.put(prefix + "ln_2.weight", layer.ln2().gamma());
            byName.put(prefix + "ln_2.bias", layer.ln2().beta());
            for (Projection p : layer.projections()) {
                byName.put(p.module() + ".weight", p.weight());
                byName.put(p.module() + ".bias", p.bias());
                projections.put(p.module(), p);
            }
        }
        finalNorm = addChildBlock("ln_f", new Norm(config.width(), config.layerNormEpsilon()));
        byName.put("ln_f.weight", finalNorm.gamma());
        byName.put("ln_f.bias", finalNorm.beta());
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public String architecture() {
        return "GPT2LMHeadModel";
    }

    @Override
    public Map<String, Parameter> parametersByName() {
        return Collections.unmodifiableMap(byName);
    }

    @Override
    public Map<String, Projection> projections() {
        return Collections.unmodifiableMap(projections);
    }

    @Override
    public List<String> allProjectionTargets() {
        return List.of("c_attn", "c_proj", "c_fc");
    }

    @Override
    public String checkpointName(String name) {
        return "transformer." + name;
    }

    @Override
    public String parameterName(String checkpointName) {
        String name = checkpointName.startsWith("transformer.")
                ? checkpointName.substring("transformer.".length())
                : checkpointName;
        // lm_head.weight is tied to wte; attention-mask buffers (attn.bias, attn.masked_bias) are not weights.
        return byName.containsKey(name) ? name : null;
    }

    @Override
    public NDArray checkpointTensor(String name) {
        return byName.get(name).getArray();
    }

    @Override
    public String peftPrefix() {
        return "base_model.model.transformer.";
    }

    @Override
    public boolean peftFanInFanOut() {
        return true;
    }

    @Override
    public void saveConfig(java.nio.file.Path file) throws java.io.IOException {
        config.save(file);
    }

    @Override
    public Shape checkpointShape(String name) {
        int c = config.width();
        if (name.equals("wte.weight")) {
            return new Shape(config.vocabularySize(), c);
        }
        if (name.equals("wpe.weight")) {
            return new Shape(config.contextLength(), c);
        }
        if (name.contains("ln_")) {
            return new Shape(c);
        }
        String module = name.substring(0, name.lastIndexOf('.'));
        Projection p = projections.get(module);
        return name.endsWith(".weight") ? new Shape(p.inputWidth(), p.outputWidth()) : new Shape(p.outputWidth());
    }

    /** GPT-2's initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2 · layers), zero biases. */
    @Override
    public void initializeRandom(NDManager manager, long seed) {
        Random random = new Random(seed);
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            String name = e.getKey();
            Shape shape = checkpointShape(name);
            int size = Math.toIntExact(shape.size());
            float[] values = new float[size];
            if (name.contains("ln_") && name.endsWith(".weight")) {
                java.util.Arrays.fill(values, 1f);
            } else if (name.endsWith(".weight")) {
                double std = name.endsWith("c_proj.weight") ? residualStd : 0.02;
                for (int i = 0; i < size; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            }
            setParameter(name, manager.create(values, shape));
        }
    }

    @Override
    public void setParameter(String name, NDArray array) {
        Parameter parameter = byName.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("Unknown parameter " + name);
        }
        Shape expected = checkpointShape(name);
        if (!array.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "Parameter " + name + " has shape " + array.getShape() + ", expected " + expected);
        }
        // Parameter.setArray refuses a second array: release the old one and forget its shape first.
        if (parameter.isInitialized()) {
            parameter.close();
        }
        parameter.setShape(null);
        parameter.setArray(array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false));
        parameter.getArray().setName(name);
    }

    @Override
    public ForwardOutput forward(ForwardInput in) {
        NDArray h = tokenEmbedding
                .getArray()
                .get(in.tokens())
                .add(positionEmbedding.getArray().get(in.positions()));
        int n = layers.size();
        NDArray[] keys = new NDArray[n];
        NDArray[] values = new NDArray[n];
        for (int i = 0; i < n; i++) {
            TransformerLayer.LayerOutput out = layers.get(i)
                    .apply(
                            h,
                            in.mask(),
                            in.pastKeys() == null ? null : in.pastKeys()[i],
                            in.pastValues() == null ? null : in.pastValues()[i],
                            in.route(),
                            in.training());
            h = out.hidden();
            keys[i] = out.keys();
            values[i] = out.values();
        }
        if (in.lastOnly()) {
            h = h.get(new NDIndex(":, -1:, :"));
        }
        NDArray logits = finalNorm.apply(h).matMul(tokenEmbedding.getArray().transpose());
        return new ForwardOutput(logits, keys, values);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.singletonOrThrow();
        NDManager m = tokens.getManager();
        int batch = (int) tokens.getShape().get(0);
        int time = (int) tokens.getShape().get(1);
        ForwardInput in = new ForwardInput(
                tokens, positions(m, batch, time, 0), Masks.causal(m, time, 0), null, null, null, training, false);
        return new NDList(forward(in).logits());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.vocabularySize())};
    }
}
