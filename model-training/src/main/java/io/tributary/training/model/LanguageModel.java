package io.tributary.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.internal.Architectures;
import io.tributary.training.model.internal.DecoderNetwork;
import io.tributary.training.model.internal.ForwardInput;
import io.tributary.training.model.internal.ForwardOutput;
import io.tributary.training.model.internal.Gpt2Block;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Masks;
import io.tributary.training.model.internal.SafeTensors;
import io.tributary.training.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A decoder-only language model (GPT-2 or Llama family) held in memory, loaded from or saved to a Hugging Face model
 * directory.
 */
public final class LanguageModel implements AutoCloseable {

    public static final String CONFIG_FILE = "config.json";
    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private final NDManager manager;
    private final DecoderNetwork network;
    private Tokenizer tokenizer;
    private final Map<String, NDArray> mergedBackup = new HashMap<>();

    private LanguageModel(NDManager manager, DecoderNetwork network, Tokenizer tokenizer) {
        this.manager = manager;
        this.network = network;
        this.tokenizer = tokenizer;
        // Base weights take no gradient unless a pretraining run unfreezes them: inference on threads where PyTorch
        // records by default (every thread but the engine's first) then builds no autograd graph.
        network.freezeParameters(true);
    }

    /** A freshly initialised model; the same seed gives the same weights. */
    public static LanguageModel create(ModelConfig config, long seed) {
        NDManager manager = NDManager.newBaseManager();
        Gpt2Block network = new Gpt2Block(config);
        network.initializeRandom(manager, seed);
        return new LanguageModel(manager, network, null);
    }

    /**
     * A model around a network whose parameters are all set, owning {@code manager}; for this library's internal
     * packages (e.g. a randomly initialised Llama-family network).
     */
    public static LanguageModel of(NDManager manager, DecoderNetwork network, Tokenizer tokenizer) {
        return new LanguageModel(manager, network, tokenizer);
    }

    /**
     * Loads {@code config.json} (GPT-2 or Llama family, see {@link Architectures#SUPPORTED}), {@code
     * model.safetensors} and, when present, {@code tokenizer.json}. Tensor names may carry the family's prefix
     * ({@code transformer.}, {@code model.}) or not; a tied {@code lm_head.weight} and buffers are ignored.
     *
     * @throws ModelImportException naming the file, tensor or setting this engine refuses
     */
    public static LanguageModel load(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelImportException("Model directory not found: " + directory);
        }
        Path configFile = directory.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new ModelImportException("Model config not found: " + configFile);
        }
        DecoderNetwork network = Architectures.read(configFile);
        ModelConfig config = network.config();
        Path weights = directory.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new ModelImportException("Model weights not found: " + weights);
        }
        Path tokenizerFile = directory.resolve(TOKENIZER_FILE);
        Tokenizer tokenizer = null;
        if (Files.isRegularFile(tokenizerFile)) {
            try {
                tokenizer = Tokenizer.load(tokenizerFile);
            } catch (ModelImportException e) {
                throw e;
            } catch (IOException e) {
                throw new ModelImportException(e.getMessage(), e);
            }
        }
        if (tokenizer != null && tokenizer.vocabularySize() > config.vocabularySize()) {
            throw new ModelImportException("Tokenizer " + tokenizerFile + " has " + tokenizer.vocabularySize()
                    + " tokens but the model's vocab_size in " + configFile + " is only " + config.vocabularySize());
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            Map<String, NDArray> tensors = SafeTensors.read(weights, manager);
            Map<String, String> stored = new HashMap<>();
            List<NDArray> ignored = new ArrayList<>();
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                String name = network.parameterName(e.getKey());
                if (name == null || stored.containsKey(name)) {
                    ignored.add(e.getValue());
                    continue;
                }
                stored.put(name, e.getKey());
                try {
                    network.setParameter(name, e.getValue());
                } catch (IllegalArgumentException bad) {
                    throw new ModelImportException(
                            "Tensor " + e.getKey() + " in " + weights + " has shape "
                                    + e.getValue().getShape() + ", expected " + network.checkpointShape(name) + " for "
                                    + network.architecture() + " with " + configFile.getFileName(),
                            bad);
                }
            }
            List<String> missing = new ArrayList<>();
            for (String name : network.parametersByName().keySet()) {
                if (!stored.containsKey(name)) {
                    missing.add(network.checkpointName(name));
                }
            }
            if (!missing.isEmpty()) {
                throw new ModelImportException("Model weights " + weights + " lack tensors " + new TreeSet<>(missing));
            }
            ignored.forEach(NDArray::close);
            return new LanguageModel(manager, network, tokenizer);
        } catch (IOException | RuntimeException e) {
            manager.close();
            if (e instanceof IllegalArgumentException) {
                throw new ModelImportException("Bad model weights in " + weights + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Writes {@code config.json}, {@code model.safetensors} (Hugging Face names) and the tokenizer, if any. */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        network.saveConfig(directory.resolve(CONFIG_FILE));
        try (NDScope ignored = new NDScope()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (String name : network.parametersByName().keySet()) {
                tensors.put(network.checkpointName(name), network.checkpointTensor(name));
            }
            SafeTensors.write(directory.resolve(WEIGHTS_FILE), tensors);
        }
        if (tokenizer != null) {
            tokenizer.save(directory.resolve(TOKENIZER_FILE));
        }
    }

    public ModelConfig config() {
        return network.config();
    }

    public Optional<Tokenizer> tokenizer() {
        return Optional.ofNullable(tokenizer);
    }

    /** The tokenizer or a clear error when the model directory had none. */
    public Tokenizer requireTokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("The model has no tokenizer (tokenizer.json)");
        }
        return tokenizer;
    }

    public void setTokenizer(Tokenizer tokenizer) {
        if (tokenizer.vocabularySize() > config().vocabularySize()) {
            throw new IllegalArgumentException("Tokenizer has " + tokenizer.vocabularySize()
                    + " tokens but the model only " + config().vocabularySize());
        }
        this.tokenizer = tokenizer;
    }

    public long parameterCount() {
        long count = 0;
        for (Parameter p : network.parametersByName().values()) {
            count += p.getArray().size();
        }
        return count;
    }

    /** Next-token logits [time][vocabulary] of the base model for one sequence. */
    public float[][] logits(int[] tokens) {
        return logits(tokens, null);
    }

    /** Next-token logits [time][vocabulary] for one sequence with an adapter's update (or none when null). */
    public float[][] logits(int[] tokens, Adapter adapter) {
        checkTokens(tokens);
        try (NDScope ignored = new NDScope()) {
            int time = tokens.length;
            long[] ids = new long[time];
            for (int i = 0; i < time; i++) {
                ids[i] = tokens[i];
            }
            LoraRoute route = adapter == null ? null : adapter.route();
            ForwardOutput out = network.forward(new ForwardInput(
                    manager.create(ids, new Shape(1, time)),
                    DecoderNetwork.positions(manager, 1, time, 0),
                    Masks.causal(manager, time, 0),
                    null,
                    null,
                    route,
                    false,
                    false));
            float[] flat = out.logits().toFloatArray();
            int vocab = config().vocabularySize();
            float[][] result = new float[time][vocab];
            for (int t = 0; t < time; t++) {
                System.arraycopy(flat, t * vocab, result[t], 0, vocab);
            }
            return result;
        }
    }

    /** Validates that a token sequence is non-empty, fits the context and uses known ids. */
    public void checkTokens(int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("Token sequence is empty");
        }
        if (tokens.length > config().contextLength()) {
            throw new IllegalArgumentException(
                    "Token sequence of " + tokens.length + " exceeds the context length " + config().contextLength());
        }
        for (int t : tokens) {
            if (t < 0 || t >= config().vocabularySize()) {
                throw new IllegalArgumentException("Token id " + t + " is outside the vocabulary");
            }
        }
    }

    /** A copy of a named weight (Hugging Face name without prefix), e.g. {@code h.0.attn.c_attn.weight}. */
    public float[] weight(String name) {
        Parameter p = network.parametersByName().get(name);
        if (p == null) {
            throw new IllegalArgumentException("Unknown weight " + name);
        }
        return p.getArray().toFloatArray();
    }

    public List<String> weightNames() {
        return List.copyOf(network.parametersByName().keySet());
    }

    /** Adds an adapter's update into the base weights; {@link #unmerge} restores them exactly. */
    public void merge(Adapter adapter) {
        if (!mergedBackup.isEmpty()) {
            throw new IllegalStateException("An adapter is already merged; unmerge it first");
        }
        for (String module : adapter.modules()) {
            String name = module + ".weight";
            Parameter p = network.parametersByName().get(name);
            NDArray original = p.getArray();
            NDArray backup = original.duplicate();
            backup.detach();
            mergedBackup.put(name, backup);
            try (NDArray update = adapter.weightUpdate(module)) {
                original.addi(update);
            }
        }
    }

    /** Restores the base weights saved by {@link #merge}. */
    public void unmerge() {
        for (Map.Entry<String, NDArray> e : mergedBackup.entrySet()) {
            network.parametersByName()
                    .get(e.getKey())
                    .getArray()
                    .set(e.getValue().toByteBuffer());
            e.getValue().close();
        }
        mergedBackup.clear();
    }

    public boolean hasMergedAdapter() {
        return !mergedBackup.isEmpty();
    }

    /** The Hugging Face architecture name, e.g. {@code GPT2LMHeadModel} or {@code LlamaForCausalLM}. */
    public String architecture() {
        return network.architecture();
    }

    /** The DJL block tree; for this library's internal packages. */
    public DecoderNetwork network() {
        return network;
    }

    /** The manager owning the weights; for this library's internal packages. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        mergedBackup.values().forEach(NDArray::close);
        manager.close();
    }
}
