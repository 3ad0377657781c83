package io.tributary.training.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Sizes of a model: for GPT-2, read from and written to Hugging Face's {@code config.json}; for the Llama family, the
 * sizes part of its configuration (width = {@code hidden_size}, innerWidth = {@code intermediate_size}, layerNormEpsilon
 * = {@code rms_norm_eps}).
 *
 * @param vocabularySize number of token embeddings ({@code vocab_size})
 * @param contextLength learned positions, the longest input ({@code n_positions})
 * @param width hidden size ({@code n_embd})
 * @param layers transformer blocks ({@code n_layer})
 * @param heads attention heads per block ({@code n_head})
 * @param innerWidth MLP hidden size ({@code n_inner}, 4 × width when absent)
 * @param layerNormEpsilon {@code layer_norm_epsilon}
 * @param exactGelu true for erf GELU ({@code "gelu"}), false for GPT-2's tanh approximation ({@code "gelu_new"})
 * @param endOfTextId {@code eos_token_id}
 */
public record ModelConfig(
        int vocabularySize,
        int contextLength,
        int width,
        int layers,
        int heads,
        int innerWidth,
        double layerNormEpsilon,
        boolean exactGelu,
        int endOfTextId) {

    public ModelConfig {
        require(vocabularySize > 0, "vocabularySize must be positive");
        require(contextLength > 0, "contextLength must be positive");
        require(width > 0, "width must be positive");
        require(layers > 0, "layers must be positive");
        require(heads > 0, "heads must be positive");
        require(width % heads == 0, "width (" + width + ") must be divisible by heads (" + heads + ")");
        require(innerWidth > 0, "innerWidth must be positive");
        require(layerNormEpsilon > 0, "layerNormEpsilon must be positive");
        require(endOfTextId >= 0 && endOfTextId < vocabularySize, "endOfTextId must be a token id");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A GPT-2 configuration with the usual defaults (4 × width MLP, tanh GELU, ε = 1e-5). */
    public static ModelConfig of(int vocabularySize, int contextLength, int width, int layers, int heads) {
        return new ModelConfig(
                vocabularySize, contextLength, width, layers, heads, 4 * width, 1e-5, false, vocabularySize - 1);
    }

    public ModelConfig withEndOfTextId(int id) {
        return new ModelConfig(
                vocabularySize, contextLength, width, layers, heads, innerWidth, layerNormEpsilon, exactGelu, id);
    }

    public int headWidth() {
        return width / heads;
    }

    /** Reads a Hugging Face GPT-2 {@code config.json}. */
    public static ModelConfig load(Path file) throws IOException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IOException("Model config not found: " + file, e);
        } catch (RuntimeException e) {
            throw new IOException("Malformed model config " + file + ": " + e.getMessage(), e);
        }
        try {
            String type = json.has("model_type") ? json.get("model_type").getAsString() : "gpt2";
            if (!type.equals("gpt2")) {
                throw new IOException("Unsupported model_type '" + type + "' in " + file + ": only gpt2 is supported");
            }
            int width = intField(json, "n_embd", file);
            int vocab = intField(json, "vocab_size", file);
            int positions =
                    json.has("n_positions") ? json.get("n_positions").getAsInt() : intField(json, "n_ctx", file);
            JsonElement inner = json.get("n_inner");
            String activation = json.has("activation_function")
                    ? json.get("activation_function").getAsString()
                    : "gelu_new";
            boolean exact;
            switch (activation) {
                case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> exact = false;
                case "gelu" -> exact = true;
                default -> throw new IOException("Unsupported activation_function '" + activation + "' in " + file);
            }
            int eos = json.has("eos_token_id") && !json.get("eos_token_id").isJsonNull()
                    ? json.get("eos_token_id").getAsInt()
                    : vocab - 1;
            return new ModelConfig(
                    vocab,
                    positions,
                    width,
                    intField(json, "n_layer", file),
                    intField(json, "n_head", file),
                    inner == null || inner.isJsonNull() ? 4 * width : inner.getAsInt(),
                    json.has("layer_norm_epsilon")
                            ? json.get("layer_norm_epsilon").getAsDouble()
                            : 1e-5,
                    exact,
                    eos);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException("Bad model config " + file + ": " + e.getMessage(), e);
        }
    }

    private static int intField(JsonObject json, String name, Path file) throws IOException {
        JsonElement e = json.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IOException("Model config " + file + " lacks '" + name + "'");
        }
        return e.getAsInt();
    }

    /** Writes a {@code config.json} that transformers loads as {@code GPT2LMHeadModel}. */
    public void save(Path file) throws IOException {
        JsonObject json = new JsonObject();
        com.google.gson.JsonArray architectures = new com.google.gson.JsonArray();
        architectures.add("GPT2LMHeadModel");
        json.add("architectures", architectures);
        json.addProperty("model_type", "gpt2");
        json.addProperty("vocab_size", vocabularySize);
        json.addProperty("n_positions", contextLength);
        json.addProperty("n_ctx", contextLength);
        json.addProperty("n_embd", width);
        json.addProperty("n_layer", layers);
        json.addProperty("n_head", heads);
        if (innerWidth == 4 * width) {
            json.add("n_inner", com.google.gson.JsonNull.INSTANCE);
        } else {
            json.addProperty("n_inner", innerWidth);
        }
        json.addProperty("activation_function", exactGelu ? "gelu" : "gelu_new");
        json.addProperty("layer_norm_epsilon", layerNormEpsilon);
        json.addProperty("resid_pdrop", 0.0);
        json.addProperty("embd_pdrop", 0.0);
        json.addProperty("attn_pdrop", 0.0);
        json.addProperty("initializer_range", 0.02);
        json.addProperty("bos_token_id", endOfTextId);
        json.addProperty("eos_token_id", endOfTextId);
        json.addProperty("tie_word_embeddings", true);
        json.addProperty("torch_dtype", "float32");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
    }
}
