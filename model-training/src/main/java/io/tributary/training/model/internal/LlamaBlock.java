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
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Llama-family decoder (Llama, Qwen2, Mistral, SmolLM) as a DJL block: token embedding, {@link LlamaLayer}s,
 * final RMSNorm and a tied or separate LM head. Checkpoint weights [out, in] are held transposed, [in, out], so
 * projections, LoRA and merging work as for GPT-2.
 */
public final class LlamaBlock extends DecoderNetwork {

    private static final String HEAD = "lm_head.weight";

    private final LlamaConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter head;
    private final List<LlamaLayer> layers = new ArrayList<>();
    private final RmsNorm finalNorm;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final Map<String, Projection> projectionOfWeight = new LinkedHashMap<>();
    private final float[] inverseFrequencies;

    public LlamaBlock(LlamaConfig config) {
        this.config = config;
        tokenEmbedding = addParameter(Parameter.builder()
                .setName("embed_tokens")
                .setType(Parameter.Type.WEIGHT)
                .build());
        byName.put("embed_tokens.weight", tokenEmbedding);
        for (int i = 0; i < config.sizes().layers(); i++) {
            LlamaLayer layer = addChildBlock("layers" + i, new LlamaLayer(i, config));
            layers.add(layer);
            String prefix = "layers." + i + ".";
            byName.put(prefix + "input_layernorm.weight", layer.inputNorm().weight());
            for (Projection p : layer.projections()) {
                byName.put(p.module() + ".weight", p.weight());
                projectionOfWeight.put(p.module() + ".weight", p);
                if (p.bias() != null) {
                    byName.put(p.module() + ".bias", p.bias());
                }
                projections.put(p.module(), p);
            }
            byName.put(
                    prefix + "post_attention_layernorm.weight",
                    layer.postAttentionNorm().weight());
        }
        finalNorm = addChildBlock("norm", new RmsNorm(config.sizes().layerNormEpsilon()));
        byName.put("norm.weight", finalNorm.weight());
        if (config.tiedEmbeddings()) {
            head = null;
        } else {
            head = addParameter(Parameter.builder()
                    .setName("lm_head")
                    .setType(Parameter.Type.WEIGHT)
                    .build());
            byName.put(HEAD, head);
        }
        int half = config.sizes().headWidth() / 2;
        inverseFrequencies = new float[half];
        for (int i = 0; i < half; i++) {
            inverseFrequencies[i] = (float)
                    (1.0 / Math.pow(config.ropeTheta(), 2.0 * i / config.sizes().headWidth()));
        }
    }

    public LlamaConfig llamaConfig() {
        return config;
    }

    @Override
    public ModelConfig config() {
        return config.sizes();
    }

    @Override
    public String architecture() {
        return config.architecture();
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
        return List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
    }

    @Override
    public Shape checkpointShape(String name) {
        ModelConfig c = config.sizes();
        if (name.equals("embed_tokens.weight") || name.equals(HEAD)) {
            return new Shape(c.vocabularySize(), c.width());
        }
        if (name.endsWith("norm.weight")) {
            return new Shape(c.width());
        }
        Projection p = projections.get(name.substring(0, name.lastIndexOf('.')));
        if (p == null) {
            throw new IllegalArgumentException("Unknown parameter " + name);
        }
        return name.endsWith(".weight") ? new Shape(p.outputWidth(), p.inputWidth()) : new Shape(p.outputWidth());
    }

    @Override
    public String checkpointName(String name) {
        return name.equals(HEAD) ? name : "model." + name;
    }

    @Override
    public String parameterName(String checkpointName) {
        String name =
                checkpointName.startsWith("model.") ? checkpointName.substring("model.".length()) : checkpointName;
        // A tied head may still be stored; rotary inverse frequencies are a buffer in older checkpoints.
        return byName.containsKey(name) ? name : null;
    }

    @Override
    public String peftPrefix() {
        return "base_model.model.model.";
    }

    @Override
    public boolean peftFanInFanOut() {
        return false;
    }

    @Override
    public void saveConfig(Path file) throws IOException {
        config.save(file);
    }

    @Override
    public void initializeRandom(NDManager manager, long seed) {
        Random random = new Random(seed);
        for (String name : byName.keySet()) {
            Shape shape = checkpointShape(name);
            float[] values = new float[Math.toIntExact(shape.size())];
            if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(values, 1f);
            } else if (name.endsWith(".weight")) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * 0.02);
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
                    "Tensor " + name + " has shape " + array.getShape() + ", expected " + expected);
        }
        NDArray value = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        if (projectionOfWeight.containsKey(name)) {
            // [out, in] → [in, out], copied so that the stored weight is contiguous.
            NDArray transposed = value.transpose().flatten().reshape(expected.get(1), expected.get(0));
            if (value != array) {
                value.close();
            }
            array.close();
            value = transposed;
        }
        if (parameter.isInitialized()) {
            parameter.close();
        }
        parameter.setShape(null);
        parameter.setArray(value);
        parameter.getArray().setName(name);
    }

    @Override
    public NDArray checkpointTensor(String name) {
        NDArray value = byName.get(name).getArray();
        if (projectionOfWeight.containsKey(name)) {
            Shape s = value.getShape();
            return value.transpose().flatten().reshape(s.get(1), s.get(0));
        }
        return value;
    }

    @Override
    public ForwardOutput forward(ForwardInput in) {
        NDManager m = in.tokens().getManager();
        NDArray h = tokenEmbedding.getArray().get(in.tokens());
        NDArray angles =
                in.positions().toType(DataType.FLOAT32, false).expandDims(-1).mul(m.create(inverseFrequencies));
        NDArray doubled = angles.concat(angles, -1).expandDims(1);
        NDArray cos = doubled.cos();
        NDArray sin = doubled.sin();
        int n = layers.size();
        NDArray[] keys = new NDArray[n];
        NDArray[] values = new NDArray[n];
        for (int i = 0; i < n; i++) {
            TransformerLayer.LayerOutput out = layers.get(i)
                    .apply(
                            h,
                            in.mask(),
                            cos,
                            sin,
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
        NDArray lmHead = head == null ? tokenEmbedding.getArray() : head.getArray();
        NDArray logits = finalNorm.apply(h).matMul(lmHead.transpose());
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
        return new Shape[] {inputShapes[0].add(config.sizes().vocabularySize())};
    }
}
