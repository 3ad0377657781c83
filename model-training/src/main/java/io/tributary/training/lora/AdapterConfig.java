package io.tributary.training.lora;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LoRA hyper-parameters, stored as PEFT's {@code adapter_config.json}.
 *
 * <p>Targets use PEFT's suffix matching over GPT-2 module paths: {@code c_attn} (the fused q, k, v projection),
 * {@code attn.c_proj} (attention output), {@code c_fc} and {@code mlp.c_proj} (MLP); {@code c_proj} matches both
 * output projections.
 *
 * @param rank r, the inner dimension of the update
 * @param alpha scaling numerator: the update is multiplied by alpha / r (alpha / sqrt(r) with rsLoRA)
 * @param dropout dropout on the adapter's input during training
 * @param targetModules module-name suffixes to adapt
 * @param rankStabilized PEFT's {@code use_rslora}
 */
public record AdapterConfig(
        int rank, double alpha, double dropout, List<String> targetModules, boolean rankStabilized) {

    /** All four projections of every block. */
    public static final List<String> ALL_PROJECTIONS = List.of("c_attn", "c_proj", "c_fc");

    public AdapterConfig {
        if (rank <= 0) {
            throw new IllegalArgumentException("rank must be positive, got " + rank);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (targetModules == null || targetModules.isEmpty()) {
            throw new IllegalArgumentException("targetModules must name at least one module");
        }
        targetModules = List.copyOf(targetModules);
    }

    public static AdapterConfig of(int rank, double alpha, double dropout, List<String> targetModules) {
        return new AdapterConfig(rank, alpha, dropout, targetModules, false);
    }

    /** Rank 8, alpha 16, dropout 0.05 on every projection of {@code model}'s family. */
    public static AdapterConfig defaults(io.tributary.training.model.LanguageModel model) {
        return of(8, 16, 0.05, model.network().allProjectionTargets());
    }

    /** Rank 8, alpha 16, dropout 0.05 on all projections of a GPT-2-family model. */
    public static AdapterConfig defaults() {
        return of(8, 16, 0.05, ALL_PROJECTIONS);
    }

    public double scale() {
        return rankStabilized ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    /** Whether a module path such as {@code h.3.mlp.c_proj} is adapted (PEFT's suffix rule). */
    public boolean targets(String module) {
        for (String target : targetModules) {
            if (module.equals(target) || module.endsWith("." + target)) {
                return true;
            }
        }
        return false;
    }

    public static AdapterConfig load(Path file) throws IOException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IOException("Adapter config not found: " + file, e);
        } catch (RuntimeException e) {
            throw new IOException("Malformed adapter config " + file + ": " + e.getMessage(), e);
        }
        try {
            String type = json.has("peft_type") ? json.get("peft_type").getAsString() : "LORA";
            if (!type.equals("LORA")) {
                throw new IOException("Unsupported peft_type '" + type + "' in " + file);
            }
            if (json.has("use_dora") && json.get("use_dora").getAsBoolean()) {
                throw new IOException("DoRA adapters are not supported: " + file);
            }
            if (json.has("bias") && !"none".equals(json.get("bias").getAsString())) {
                throw new IOException("Adapters with trained biases are not supported: " + file);
            }
            JsonElement targetsJson = json.get("target_modules");
            List<String> targets = new ArrayList<>();
            if (targetsJson == null || targetsJson.isJsonNull()) {
                throw new IOException("Adapter config " + file + " lacks target_modules");
            } else if (targetsJson.isJsonArray()) {
                targetsJson.getAsJsonArray().forEach(t -> targets.add(t.getAsString()));
            } else {
                targets.add(targetsJson.getAsString());
            }
            return new AdapterConfig(
                    json.get("r").getAsInt(),
                    json.has("lora_alpha") ? json.get("lora_alpha").getAsDouble() : 8,
                    json.has("lora_dropout") ? json.get("lora_dropout").getAsDouble() : 0,
                    targets,
                    json.has("use_rslora") && json.get("use_rslora").getAsBoolean());
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new IOException("Bad adapter config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the config of an adapter for a GPT-2-family base ({@code fan_in_fan_out: true}). */
    public void save(Path file, String baseModel) throws IOException {
        save(file, baseModel, true);
    }

    /**
     * Writes {@code adapter_config.json}; {@code fanInFanOut} records whether the base stores weights [in, out]
     * (GPT-2's Conv1D) or [out, in] (Llama's Linear).
     */
    public void save(Path file, String baseModel, boolean fanInFanOut) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("peft_type", "LORA");
        json.addProperty("task_type", "CAUSAL_LM");
        json.addProperty("r", rank);
        json.addProperty("lora_alpha", alpha);
        json.addProperty("lora_dropout", dropout);
        JsonArray targets = new JsonArray();
        targetModules.forEach(targets::add);
        json.add("target_modules", targets);
        json.addProperty("fan_in_fan_out", fanInFanOut);
        json.addProperty("bias", "none");
        json.addProperty("use_rslora", rankStabilized);
        json.addProperty("use_dora", false);
        json.addProperty("init_lora_weights", true);
        json.addProperty("inference_mode", true);
        json.add("modules_to_save", JsonNull.INSTANCE);
        if (baseModel == null) {
            json.add("base_model_name_or_path", JsonNull.INSTANCE);
        } else {
            json.addProperty("base_model_name_or_path", baseModel);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
    }
}
