package io.tributary.training.generate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model's recommended decoding, from the {@code generation_config.json} next to its weights (Hugging Face's file):
 * where a caller does not choose a setting, the model's own applies. Read keys: {@code do_sample} (absent or false:
 * greedy), {@code temperature}, {@code top_k}, {@code top_p}, {@code repetition_penalty},
 * {@code no_repeat_ngram_size}, and OpenAI's {@code frequency_penalty} and {@code presence_penalty}; others (token
 * ids, lengths, settings this engine does not have) are ignored. A value of the wrong type or range is refused with the file and key named.
 */
public final class GenerationDefaults {

    /** The file's name in a model directory. */
    public static final String FILE = "generation_config.json";

    private GenerationDefaults() {}

    /** A builder holding the model's recommended settings, or the engine's defaults when it has no such file. */
    public static GenerationConfig.Builder of(Path modelDirectory) throws IOException {
        GenerationConfig.Builder builder = GenerationConfig.builder();
        Path file = modelDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) return builder;
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + " is not a JSON object");
        }
        // As in Hugging Face: greedy unless do_sample is true, and then temperature 1 unless the file says otherwise.
        boolean sample = json.has("do_sample") && bool(file, json, "do_sample");
        builder.temperature(sample ? 1 : 0);
        try {
            for (Map.Entry<String, JsonElement> e : json.entrySet()) {
                switch (e.getKey()) {
                    case "temperature" -> {
                        double t = number(e);
                        if (sample) builder.temperature(t);
                    }
                    case "top_k" -> builder.topK((int) whole(e));
                    case "top_p" -> builder.topP(number(e));
                    case "frequency_penalty" -> builder.frequencyPenalty(number(e));
                    case "presence_penalty" -> builder.presencePenalty(number(e));
                    case "repetition_penalty" -> builder.repetitionPenalty(number(e));
                    case "no_repeat_ngram_size" -> builder.noRepeatNgramSize((int) whole(e));
                    default -> {
                        // Token ids and settings this engine does not have.
                    }
                }
            }
            return builder.build().toBuilder();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static boolean bool(Path file, JsonObject json, String key) throws IOException {
        JsonElement v = json.get(key);
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) return v.getAsBoolean();
        throw new IOException(file + ": " + key + " must be true or false");
    }

    private static double number(Map.Entry<String, JsonElement> e) {
        JsonElement v = e.getValue();
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) return v.getAsDouble();
        throw new IllegalArgumentException(e.getKey() + " must be a number");
    }

    private static long whole(Map.Entry<String, JsonElement> e) {
        double d = number(e);
        if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(e.getKey() + " must be a whole number");
        }
        return (long) d;
    }
}
