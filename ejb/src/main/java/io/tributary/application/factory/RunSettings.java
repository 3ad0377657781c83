package io.tributary.application.factory;

import io.tributary.persistence.factory.Objective;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's training settings, stored as the run's {@code settings} JSON document.
 *
 * @param rank LoRA rank
 * @param alpha LoRA alpha (the update is scaled by alpha / rank)
 * @param dropout LoRA dropout
 * @param targetModules projections that get an adapter
 * @param learningRate peak learning rate (warm-up then cosine decay)
 * @param warmupSteps steps of linear warm-up
 * @param epochs passes over the training split, unless {@code maxSteps} is set
 * @param maxSteps optimiser steps; 0 derives them from the epochs
 * @param batchSize examples per micro-batch
 * @param accumulation micro-batches per optimiser step
 * @param maxLength tokens per example; longer ones are cut
 * @param validationFraction share of the examples held out for validation and evaluation
 * @param seed the run's randomness: data order, split, dropout, initialisation
 * @param patience validations without improvement before stopping early; 0 never stops early
 * @param evaluateEvery steps between validations; 0 validates at the end only
 * @param checkpointEvery steps between checkpoints
 */
public record RunSettings(
        int rank,
        double alpha,
        double dropout,
        List<String> targetModules,
        double learningRate,
        int warmupSteps,
        int epochs,
        int maxSteps,
        int batchSize,
        int accumulation,
        int maxLength,
        double validationFraction,
        long seed,
        int patience,
        int evaluateEvery,
        int checkpointEvery) {

    /** The projections of the shipped GPT-2 family an adapter may target. */
    public static final Set<String> TARGETS = Set.of("c_attn", "c_proj", "c_fc", "attn.c_proj", "mlp.c_proj");

    public RunSettings {
        targetModules = targetModules == null ? List.of() : List.copyOf(targetModules);
    }

    /**
     * Every problem with these settings for a base of this context length and this many examples, by field, each
     * saying what to change.
     */
    public Map<String, String> problems(int contextLength, int examples, Objective objective) {
        Map<String, String> p = new LinkedHashMap<>();
        if (rank < 1 || rank > 64) p.put("rank", "Rank must be between 1 and 64.");
        if (!(alpha > 0) || alpha > 1024) p.put("alpha", "Alpha must be above 0 and at most 1024.");
        if (!(dropout >= 0) || dropout > 0.5) p.put("dropout", "Dropout must be between 0 and 0.5.");
        if (targetModules.isEmpty()) {
            p.put("targetModules", "Choose at least one projection to adapt.");
        } else if (!TARGETS.containsAll(targetModules)) {
            p.put(
                    "targetModules",
                    "Target modules must be among "
                            + String.join(", ", TARGETS.stream().sorted().toList()) + ".");
        }
        if (!(learningRate > 0) || learningRate > 0.1)
            p.put("learningRate", "The learning rate must be above 0 and at most 0.1.");
        if (warmupSteps < 0) p.put("warmupSteps", "Warm-up steps cannot be negative.");
        if (maxSteps < 0 || maxSteps > 100_000)
            p.put("maxSteps", "Steps must be between 0 (from the epochs) and 100,000.");
        if (maxSteps == 0 && (epochs < 1 || epochs > 100)) p.put("epochs", "Epochs must be between 1 and 100.");
        if (batchSize < 1 || batchSize > 64) p.put("batchSize", "Batch size must be between 1 and 64.");
        if (accumulation < 1 || accumulation > 16)
            p.put("accumulation", "Gradient accumulation must be between 1 and 16.");
        if (maxLength < 16) {
            p.put("maxLength", "Maximum length must be at least 16 tokens.");
        } else if (maxLength > contextLength) {
            p.put(
                    "maxLength",
                    "Maximum length " + maxLength + " exceeds the base model's context of " + contextLength
                            + " tokens.");
        }
        if (!(validationFraction >= 0) || validationFraction > 0.5) {
            p.put("validationFraction", "The validation split must be between 0 and 0.5.");
        } else if (validationFraction > 0 && examples < 2) {
            p.put(
                    "validationFraction",
                    "A validation split needs at least 2 examples; the releases hold " + examples + ".");
        }
        if (patience < 0) p.put("patience", "Patience cannot be negative.");
        if (patience > 0 && (validationFraction == 0 || evaluateEvery == 0)) {
            p.put(
                    "patience",
                    "Early stopping needs a validation split and a validation interval (evaluate every N steps).");
        }
        if (evaluateEvery < 0) p.put("evaluateEvery", "The validation interval cannot be negative.");
        if (checkpointEvery < 1) p.put("checkpointEvery", "Checkpoint at least every N ≥ 1 steps.");
        if (p.isEmpty() && warmupSteps >= steps(examples)) {
            p.put(
                    "warmupSteps",
                    "Warm-up (" + warmupSteps + " steps) must be shorter than the run (" + steps(examples)
                            + " steps).");
        }
        if (objective == null) p.put("objective", "Choose an objective.");
        return p;
    }

    /** Optimiser steps for this many examples: {@code maxSteps}, or the epochs over the training split. */
    public int steps(int examples) {
        if (maxSteps > 0) {
            return maxSteps;
        }
        int training = Math.max(1, examples - heldOut(examples));
        long perStep = (long) batchSize * accumulation;
        return (int) Math.max(1, Math.min(100_000, (epochs * (long) training + perStep - 1) / perStep));
    }

    /** How many examples the validation split holds (the model library's rule). */
    public int heldOut(int examples) {
        if (validationFraction <= 0 || examples < 2) {
            return 0;
        }
        return Math.min(examples - 1, Math.max(1, (int) Math.round(examples * validationFraction)));
    }

    /** The settings as the run's stored JSON document. */
    public String toJson() {
        var targets = Json.createArrayBuilder();
        targetModules.forEach(targets::add);
        return Json.createObjectBuilder()
                .add("rank", rank)
                .add("alpha", alpha)
                .add("dropout", dropout)
                .add("targetModules", targets)
                .add("learningRate", learningRate)
                .add("warmupSteps", warmupSteps)
                .add("epochs", epochs)
                .add("maxSteps", maxSteps)
                .add("batchSize", batchSize)
                .add("accumulation", accumulation)
                .add("maxLength", maxLength)
                .add("validationFraction", validationFraction)
                .add("seed", seed)
                .add("patience", patience)
                .add("evaluateEvery", evaluateEvery)
                .add("checkpointEvery", checkpointEvery)
                .build()
                .toString();
    }

    public static RunSettings fromJson(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return of(reader.readObject(), null);
        }
    }

    /** Settings from a JSON object; absent fields come from {@code defaults} (required when null). */
    public static RunSettings of(JsonObject o, RunSettings defaults) {
        RunSettings d = defaults == null ? Preset.QUICK.settings() : defaults;
        return new RunSettings(
                o.getInt("rank", d.rank()),
                number(o, "alpha", d.alpha()),
                number(o, "dropout", d.dropout()),
                o.containsKey("targetModules")
                        ? o.getJsonArray("targetModules").getValuesAs(jakarta.json.JsonString.class).stream()
                                .map(jakarta.json.JsonString::getString)
                                .toList()
                        : d.targetModules(),
                number(o, "learningRate", d.learningRate()),
                o.getInt("warmupSteps", d.warmupSteps()),
                o.getInt("epochs", d.epochs()),
                o.getInt("maxSteps", d.maxSteps()),
                o.getInt("batchSize", d.batchSize()),
                o.getInt("accumulation", d.accumulation()),
                o.getInt("maxLength", d.maxLength()),
                number(o, "validationFraction", d.validationFraction()),
                o.containsKey("seed") ? o.getJsonNumber("seed").longValue() : d.seed(),
                o.getInt("patience", d.patience()),
                o.getInt("evaluateEvery", d.evaluateEvery()),
                o.getInt("checkpointEvery", d.checkpointEvery()));
    }

    private static double number(JsonObject o, String key, double fallback) {
        return o.containsKey(key) && !o.isNull(key) ? o.getJsonNumber(key).doubleValue() : fallback;
    }
}
