package io.tributary.training.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.model.internal.Projection;
import io.tributary.training.model.internal.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A LoRA adapter: for every targeted projection W, matrices A [r, in] and B [out, r] whose product, scaled, is added
 * to W's output. Saved alone in PEFT's format; the base model is never modified unless {@link LanguageModel#merge}
 * is called.
 */
public final class Adapter implements AutoCloseable {

    public static final String CONFIG_FILE = "adapter_config.json";
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    private final AdapterConfig config;
    private final NDManager manager;
    private final String peftPrefix;
    private final boolean fanInFanOut;
    private final Map<String, NDArray> a = new LinkedHashMap<>();
    private final Map<String, NDArray> b = new LinkedHashMap<>();

    private Adapter(AdapterConfig config, LanguageModel model) {
        this.config = config;
        this.manager = model.manager().newSubManager();
        // PEFT names tensors after the base's module tree: transformer.h.0.attn.c_attn for GPT-2,
        // model.layers.0.self_attn.q_proj for the Llama family.
        this.peftPrefix = model.network().peftPrefix();
        this.fanInFanOut = model.network().peftFanInFanOut();
    }

    /** A new adapter as PEFT initialises one: A Kaiming-uniform, B zero, so it starts as the identity update. */
    public static Adapter create(LanguageModel model, AdapterConfig config, long seed) {
        Adapter adapter = new Adapter(config, model);
        Random random = new Random(seed);
        for (Projection p : targeted(model, config)) {
            int in = p.inputWidth();
            double bound = 1.0 / Math.sqrt(in);
            float[] values = new float[config.rank() * in];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            adapter.a.put(p.module(), adapter.manager.create(values, new Shape(config.rank(), in)));
            adapter.b.put(p.module(), adapter.manager.zeros(new Shape(p.outputWidth(), config.rank())));
        }
        return adapter;
    }

    private static List<Projection> targeted(LanguageModel model, AdapterConfig config) {
        List<Projection> result = new ArrayList<>();
        for (Projection p : model.network().projections().values()) {
            if (config.targets(p.module())) {
                result.add(p);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("Target modules " + config.targetModules()
                    + " match no projection of the " + model.architecture() + " model (its projections: "
                    + model.network().allProjectionTargets() + ")");
        }
        return result;
    }

    /** Loads a PEFT adapter directory ({@code adapter_config.json}, {@code adapter_model.safetensors}). */
    public static Adapter load(Path directory, LanguageModel model) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("Adapter directory not found: " + directory);
        }
        AdapterConfig config = AdapterConfig.load(directory.resolve(CONFIG_FILE));
        Path weights = directory.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("Adapter weights not found: " + weights);
        }
        Adapter adapter = new Adapter(config, model);
        try {
            Map<String, NDArray> tensors = SafeTensors.read(weights, adapter.manager);
            Map<String, NDArray> byName = new HashMap<>();
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                byName.put(canonical(e.getKey()), e.getValue());
            }
            List<Projection> targeted;
            try {
                targeted = targeted(model, config);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage() + " (" + directory + ")");
            }
            for (Projection p : targeted) {
                NDArray la = byName.remove(p.module() + ".lora_A.weight");
                NDArray lb = byName.remove(p.module() + ".lora_B.weight");
                if (la == null || lb == null) {
                    throw new IOException("Adapter weights " + weights + " lack lora_A/lora_B for " + p.module());
                }
                Shape expectedA = new Shape(config.rank(), p.inputWidth());
                Shape expectedB = new Shape(p.outputWidth(), config.rank());
                if (!la.getShape().equals(expectedA) || !lb.getShape().equals(expectedB)) {
                    throw new IOException("Adapter tensors for " + p.module() + " have shapes " + la.getShape()
                            + " and " + lb.getShape() + ", expected " + expectedA + " and " + expectedB);
                }
                adapter.a.put(p.module(), la);
                adapter.b.put(p.module(), lb);
            }
            if (!byName.isEmpty()) {
                throw new IOException("Adapter weights " + weights + " hold tensors for modules the model lacks: "
                        + new TreeSet<>(byName.keySet()));
            }
            return adapter;
        } catch (IOException | RuntimeException e) {
            adapter.close();
            throw e;
        }
    }

    /** Strips PEFT's prefixes and adapter name: {@code h.0.attn.c_attn.lora_A.weight}. */
    private static String canonical(String name) {
        String n = name;
        for (String prefix : new String[] {"base_model.model.", "transformer.", "model."}) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
            }
        }
        return n.replace(".lora_A.default.", ".lora_A.").replace(".lora_B.default.", ".lora_B.");
    }

    /** Writes {@code adapter_config.json} and {@code adapter_model.safetensors} with PEFT tensor names. */
    public void save(Path directory, String baseModel) throws IOException {
        Files.createDirectories(directory);
        config.save(directory.resolve(CONFIG_FILE), baseModel, fanInFanOut);
        SafeTensors.write(directory.resolve(WEIGHTS_FILE), tensors());
    }

    public void save(Path directory) throws IOException {
        save(directory, null);
    }

    public AdapterConfig config() {
        return config;
    }

    public int rank() {
        return config.rank();
    }

    /** Adapted module paths, e.g. {@code h.0.attn.c_attn}. */
    public Set<String> modules() {
        return Collections.unmodifiableSet(a.keySet());
    }

    /** The live adapter tensors under their PEFT names. */
    public Map<String, NDArray> tensors() {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (String module : a.keySet()) {
            tensors.put(peftPrefix + module + ".lora_A.weight", a.get(module));
            tensors.put(peftPrefix + module + ".lora_B.weight", b.get(module));
        }
        return tensors;
    }

    public long parameterCount() {
        long count = 0;
        for (NDArray t : tensors().values()) {
            count += t.size();
        }
        return count;
    }

    /** A [r, in] for a module. */
    public NDArray loraA(String module) {
        return a.get(module);
    }

    /** B [out, r] for a module. */
    public NDArray loraB(String module) {
        return b.get(module);
    }

    /** The dense update scale · Aᵀ Bᵀ [in, out] that merging adds to the module's weight. */
    public NDArray weightUpdate(String module) {
        NDArray la = a.get(module);
        NDArray lb = b.get(module);
        try (NDArray product = la.transpose().matMul(lb.transpose());
                NDArray scale = product.getManager().create((float) config.scale())) {
            return product.mul(scale);
        }
    }

    /** The route that adds this adapter's update in a forward pass without dropout; for internal packages. */
    public LoraRoute route() {
        return route(null);
    }

    /**
     * The route that adds this adapter's update, with dropout masks drawn from {@code dropoutRandom} in training
     * passes (a run's own generator, never the engine's global one); for this library's internal packages.
     */
    public LoraRoute route(SplittableRandom dropoutRandom) {
        return (module, x, training) -> {
            NDArray la = a.get(module);
            if (la == null) {
                return null;
            }
            NDArray input = x;
            if (training && config.dropout() > 0) {
                if (dropoutRandom == null) {
                    throw new IllegalStateException("Training with dropout needs the run's random generator");
                }
                input = x.mul(dropoutMask(x, dropoutRandom));
            }
            NDArray scale = x.getManager().create((float) config.scale());
            return input.matMul(la.transpose())
                    .matMul(b.get(module).transpose())
                    .mul(scale);
        };
    }

    /** Inverted dropout: each entry kept with probability 1 − p and scaled by 1 / (1 − p). */
    private NDArray dropoutMask(NDArray x, SplittableRandom random) {
        int size = Math.toIntExact(x.size());
        float[] mask = new float[size];
        float kept = (float) (1.0 / (1.0 - config.dropout()));
        // 16 random bits per entry, four entries per draw: cheap enough to run once per projection and step.
        int threshold = (int) Math.round(config.dropout() * 65536);
        for (int i = 0; i < size; i += 4) {
            long bits = random.nextLong();
            for (int j = 0; j < 4 && i + j < size; j++) {
                mask[i + j] = ((int) (bits >>> (16 * j)) & 0xFFFF) >= threshold ? kept : 0f;
            }
        }
        return x.getManager().create(mask, x.getShape());
    }

    @Override
    public void close() {
        manager.close();
    }
}
