package io.tributary.training.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.training.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A list of tokenised training examples, built from raw text or instruction pairs. */
public final class TrainingData {

    private final List<TrainingExample> examples;

    private TrainingData(List<TrainingExample> examples) {
        this.examples = List.copyOf(examples);
    }

    public static TrainingData of(List<TrainingExample> examples) {
        return new TrainingData(examples);
    }

    /**
     * Causal-LM data: documents joined by end-of-text tokens and cut into windows of {@code contextLength + 1}
     * tokens (inputs and shifted targets).
     */
    public static TrainingData causalText(Tokenizer tokenizer, List<String> documents, int contextLength) {
        List<Integer> stream = new ArrayList<>();
        for (String document : documents) {
            if (document.isBlank()) {
                continue;
            }
            for (int id : tokenizer.encode(document)) {
                stream.add(id);
            }
            stream.add(tokenizer.endOfTextId());
        }
        List<TrainingExample> examples = new ArrayList<>();
        int window = contextLength + 1;
        for (int start = 0; start + 2 <= stream.size(); start += contextLength) {
            int end = Math.min(start + window, stream.size());
            int[] tokens = new int[end - start];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = stream.get(start + i);
            }
            examples.add(TrainingExample.causal(tokens));
            if (end == stream.size()) {
                break;
            }
        }
        return new TrainingData(examples);
    }

    /**
     * Fine-tuning data: the prompt template followed by the response and end-of-text; only the response and
     * end-of-text count in the loss. Pairs longer than the context are cut at its end.
     */
    public static TrainingData instructions(Tokenizer tokenizer, List<InstructionPair> pairs, int contextLength) {
        List<TrainingExample> examples = new ArrayList<>();
        for (InstructionPair pair : pairs) {
            int[] prompt = tokenizer.encode(InstructionPair.prompt(pair.instruction()));
            int[] response = tokenizer.encode(pair.response().strip());
            int length = Math.min(prompt.length + response.length + 1, contextLength + 1);
            if (length <= prompt.length) {
                continue; // the prompt alone fills the context: nothing to learn from
            }
            int[] tokens = new int[length];
            float[] weights = new float[length - 1];
            for (int i = 0; i < length; i++) {
                if (i < prompt.length) {
                    tokens[i] = prompt[i];
                } else if (i - prompt.length < response.length) {
                    tokens[i] = response[i - prompt.length];
                } else {
                    tokens[i] = tokenizer.endOfTextId();
                }
                // weights[i - 1] is the loss of predicting tokens[i].
                if (i >= prompt.length) {
                    weights[i - 1] = 1f;
                }
            }
            examples.add(new TrainingExample(tokens, weights));
        }
        return new TrainingData(examples);
    }

    /**
     * Reads instruction pairs from JSON Lines: one object per line with {@code instruction} (or {@code prompt}) and
     * {@code response} (or {@code output}/{@code completion}) strings.
     */
    public static List<InstructionPair> readInstructions(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("Dataset not found: " + file, e);
        }
        List<InstructionPair> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                pairs.add(new InstructionPair(
                        field(json, "instruction", "prompt", "question"),
                        field(json, "response", "output", "completion", "answer")));
            } catch (RuntimeException e) {
                throw new IOException("Malformed dataset line " + (i + 1) + " of " + file + ": " + e.getMessage(), e);
            }
        }
        if (pairs.isEmpty()) {
            throw new IOException("Dataset " + file + " has no examples");
        }
        return pairs;
    }

    private static String field(JsonObject json, String... names) {
        for (String name : names) {
            JsonElement e = json.get(name);
            if (e != null && e.isJsonPrimitive()) {
                return e.getAsString();
            }
        }
        throw new IllegalArgumentException("expected a string field '" + names[0] + "'");
    }

    public List<TrainingExample> examples() {
        return examples;
    }

    public int size() {
        return examples.size();
    }

    public boolean isEmpty() {
        return examples.isEmpty();
    }

    /** Training and validation parts of a data set. */
    public record Split(TrainingData training, TrainingData validation) {}

    /** A seeded split: {@code validationFraction} of the examples (at least one if any) go to validation. */
    public Split split(double validationFraction, long seed) {
        if (validationFraction <= 0 || examples.size() < 2) {
            return new Split(this, new TrainingData(List.of()));
        }
        List<TrainingExample> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        int validation = Math.max(1, (int) Math.round(examples.size() * validationFraction));
        validation = Math.min(validation, examples.size() - 1);
        return new Split(
                new TrainingData(shuffled.subList(validation, shuffled.size())),
                new TrainingData(shuffled.subList(0, validation)));
    }
}
