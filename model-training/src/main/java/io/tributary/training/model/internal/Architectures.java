package io.tributary.training.model.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.training.model.ModelConfig;
import io.tributary.training.model.ModelImportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Picks the network family a Hugging Face {@code config.json} describes, refusing any other. */
public final class Architectures {

    /** Every architecture name this engine loads, for messages. */
    public static final String SUPPORTED =
            "GPT2LMHeadModel, LlamaForCausalLM (SmolLM), Qwen2ForCausalLM, MistralForCausalLM";

    private static final Map<String, String> BY_MODEL_TYPE = Map.of(
            "gpt2", "GPT2LMHeadModel",
            "llama", "LlamaForCausalLM",
            "qwen2", "Qwen2ForCausalLM",
            "mistral", "MistralForCausalLM");

    private Architectures() {}

    /** An uninitialised network for the configuration in {@code file}. */
    public static DecoderNetwork read(Path file) throws IOException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new ModelImportException("Model config not found: " + file, e);
        } catch (IOException | RuntimeException e) {
            throw new ModelImportException("Malformed model config " + file + ": " + e.getMessage(), e);
        }
        String architecture = null;
        JsonElement names = json.get("architectures");
        if (names != null && names.isJsonArray()) {
            JsonArray array = names.getAsJsonArray();
            if (array.size() > 0) {
                architecture = array.get(0).getAsString();
            }
        }
        String modelType = json.has("model_type") ? json.get("model_type").getAsString() : null;
        if (architecture == null) {
            architecture = modelType == null ? "GPT2LMHeadModel" : BY_MODEL_TYPE.get(modelType);
            if (architecture == null) {
                throw new ModelImportException("Unsupported model_type '" + modelType + "' in " + file
                        + ": supported architectures are " + SUPPORTED);
            }
        }
        if (architecture.equals("GPT2LMHeadModel")) {
            ModelConfig config = ModelConfig.load(file);
            try {
                return new Gpt2Block(config);
            } catch (IllegalArgumentException e) {
                throw new ModelImportException("Bad model config " + file + ": " + e.getMessage(), e);
            }
        }
        if (LlamaConfig.ARCHITECTURES.contains(architecture)) {
            return new LlamaBlock(LlamaConfig.read(json, architecture, file));
        }
        throw new ModelImportException("Unsupported architecture '" + architecture + "' in " + file
                + ": supported architectures are " + SUPPORTED);
    }
}
