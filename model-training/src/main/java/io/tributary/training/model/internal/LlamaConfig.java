package io.tributary.training.model.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.tributary.training.model.ModelConfig;
import io.tributary.training.model.ModelImportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Llama-family configuration (Llama, Qwen2, Mistral, SmolLM): RMSNorm, rotary positions, SwiGLU MLP and
 * grouped-query attention, read from and written to Hugging Face's {@code config.json}.
 *
 * @param sizes vocabulary, context, width, layers, query heads, MLP width, RMSNorm ε and end-of-text id
 * @param architecture {@code LlamaForCausalLM}, {@code Qwen2ForCausalLM} or {@code MistralForCausalLM}
 * @param keyValueHeads {@code num_key_value_heads}; fewer than the query heads is grouped-query attention
 * @param ropeTheta base of the rotary frequencies
 * @param tiedEmbeddings whether the LM head is the token embedding ({@code tie_word_embeddings})
 * @param qkvBias whether q, k and v have biases (Qwen2, or Llama's {@code attention_bias})
 * @param outputBias whether o_proj has a bias (Llama's {@code attention_bias})
 * @param beginOfTextId {@code bos_token_id}, or -1
 */
public record LlamaConfig(
        ModelConfig sizes,
        String architecture,
        int keyValueHeads,
        double ropeTheta,
        boolean tiedEmbeddings,
        boolean qkvBias,
        boolean outputBias,
        int beginOfTextId) {

    /** The architecture names this family reads. */
    public static final List<String> ARCHITECTURES =
            List.of("LlamaForCausalLM", "Qwen2ForCausalLM", "MistralForCausalLM");

    public LlamaConfig {
        if (keyValueHeads <= 0 || sizes.heads() % keyValueHeads != 0) {
            throw new IllegalArgumentException("num_key_value_heads (" + keyValueHeads
                    + ") must divide num_attention_heads (" + sizes.heads() + ")");
        }
        if (sizes.headWidth() % 2 != 0) {
            throw new IllegalArgumentException(
                    "the head width " + sizes.headWidth() + " must be even for rotary positions");
        }
        // Bounds far above any released checkpoint: an imported config cannot make the engine allocate absurd tables.
        if (sizes.width() > 65_536 || sizes.layers() > 1_024 || sizes.heads() > 1_024 || sizes.innerWidth() > 1 << 20) {
            throw new IllegalArgumentException("sizes beyond what this engine loads: hidden_size " + sizes.width()
                    + ", num_hidden_layers " + sizes.layers() + ", num_attention_heads " + sizes.heads()
                    + ", intermediate_size " + sizes.innerWidth());
        }
        if (!ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("Unknown Llama-family architecture " + architecture);
        }
    }

    public String modelType() {
        return switch (architecture) {
            case "Qwen2ForCausalLM" -> "qwen2";
            case "MistralForCausalLM" -> "mistral";
            default -> "llama";
        };
    }

    /** Reads a Llama-family {@code config.json}, refusing what this engine does not compute exactly. */
    public static LlamaConfig read(JsonObject json, String architecture, Path file) throws IOException {
        try {
            String activation = string(json, "hidden_act", "silu");
            if (!activation.equals("silu")) {
                throw new ModelImportException(
                        "Unsupported hidden_act '" + activation + "' in " + file + ": only silu (SwiGLU) is supported");
            }
            JsonElement scaling = json.get("rope_scaling");
            if (scaling != null && !scaling.isJsonNull()) {
                throw new ModelImportException(
                        "Unsupported rope_scaling " + scaling + " in " + file + ": only plain rotary positions are");
            }
            if (json.has("mlp_bias") && json.get("mlp_bias").getAsBoolean()) {
                throw new ModelImportException("Unsupported mlp_bias true in " + file);
            }
            int width = integer(json, "hidden_size", file);
            int heads = integer(json, "num_attention_heads", file);
            if (json.has("head_dim")
                    && !json.get("head_dim").isJsonNull()
                    && json.get("head_dim").getAsInt() * heads != width) {
                throw new ModelImportException("Unsupported head_dim " + json.get("head_dim") + " in " + file
                        + ": it must be hidden_size / num_attention_heads = " + (width / heads));
            }
            int vocab = integer(json, "vocab_size", file);
            int context = integer(json, "max_position_embeddings", file);
            // Sliding-window attention equals full attention up to the window: cap the context there.
            JsonElement window = json.get("sliding_window");
            boolean windowUsed = !architecture.equals("Qwen2ForCausalLM")
                    || (json.has("use_sliding_window")
                            && json.get("use_sliding_window").getAsBoolean());
            if (windowUsed && window != null && !window.isJsonNull() && window.getAsInt() > 0) {
                context = Math.min(context, window.getAsInt());
            }
            int eos = firstId(json.get("eos_token_id"), vocab - 1);
            ModelConfig sizes = new ModelConfig(
                    vocab,
                    context,
                    width,
                    integer(json, "num_hidden_layers", file),
                    heads,
                    integer(json, "intermediate_size", file),
                    json.has("rms_norm_eps") ? json.get("rms_norm_eps").getAsDouble() : 1e-6,
                    false,
                    eos);
            boolean attentionBias =
                    json.has("attention_bias") && json.get("attention_bias").getAsBoolean();
            boolean qwen = architecture.equals("Qwen2ForCausalLM");
            return new LlamaConfig(
                    sizes,
                    architecture,
                    json.has("num_key_value_heads")
                                    && !json.get("num_key_value_heads").isJsonNull()
                            ? json.get("num_key_value_heads").getAsInt()
                            : heads,
                    json.has("rope_theta") ? json.get("rope_theta").getAsDouble() : 10000.0,
                    json.has("tie_word_embeddings")
                            && json.get("tie_word_embeddings").getAsBoolean(),
                    qwen || attentionBias,
                    !qwen && attentionBias,
                    firstId(json.get("bos_token_id"), -1));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new ModelImportException("Bad model config " + file + ": " + e.getMessage(), e);
        }
    }

    private static int firstId(JsonElement e, int fallback) {
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            return a.isEmpty() ? fallback : a.get(0).getAsInt();
        }
        return e.getAsInt();
    }

    private static String string(JsonObject json, String name, String fallback) {
        JsonElement e = json.get(name);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    private static int integer(JsonObject json, String name, Path file) throws IOException {
        JsonElement e = json.get(name);
        if (e == null || e.isJsonNull()) {
            throw new ModelImportException("Model config " + file + " lacks '" + name + "'");
        }
        return e.getAsInt();
    }

    /** Writes a {@code config.json} that transformers loads as {@link #architecture}. */
    public void save(Path file) throws IOException {
        JsonObject json = new JsonObject();
        JsonArray architectures = new JsonArray();
        architectures.add(architecture);
        json.add("architectures", architectures);
        json.addProperty("model_type", modelType());
        json.addProperty("vocab_size", sizes.vocabularySize());
        json.addProperty("max_position_embeddings", sizes.contextLength());
        json.addProperty("hidden_size", sizes.width());
        json.addProperty("intermediate_size", sizes.innerWidth());
        json.addProperty("num_hidden_layers", sizes.layers());
        json.addProperty("num_attention_heads", sizes.heads());
        json.addProperty("num_key_value_heads", keyValueHeads);
        json.addProperty("hidden_act", "silu");
        json.addProperty("rms_norm_eps", sizes.layerNormEpsilon());
        json.addProperty("rope_theta", ropeTheta);
        json.add("rope_scaling", JsonNull.INSTANCE);
        json.addProperty("tie_word_embeddings", tiedEmbeddings);
        if (!architecture.equals("Qwen2ForCausalLM")) {
            json.addProperty("attention_bias", qkvBias);
        }
        if (beginOfTextId >= 0) {
            json.addProperty("bos_token_id", beginOfTextId);
        }
        json.addProperty("eos_token_id", sizes.endOfTextId());
        json.addProperty("torch_dtype", "float32");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
    }
}
