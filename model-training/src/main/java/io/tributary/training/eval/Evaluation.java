package io.tributary.training.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.generate.TokenListener;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingExample;
import io.tributary.training.train.internal.Batch;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Scores a model, with or without an adapter. */
public final class Evaluation {

    private final LanguageModel model;
    private final Generator generator;

    public Evaluation(LanguageModel model) {
        this.model = model;
        this.generator = new Generator(model);
    }

    /**
     * Loss over a data set.
     *
     * @param loss mean weighted next-token cross-entropy (nats)
     * @param perplexity exp(loss)
     * @param tokens positions that counted
     */
    public record LossReport(double loss, double perplexity, long tokens) {}

    /**
     * Question-answer scores.
     *
     * @param exactMatch share of answers equal to the reference after normalisation
     * @param f1 mean token-overlap F1 against the reference
     * @param answers what the model answered, in input order
     */
    public record QaReport(double exactMatch, double f1, List<String> answers) {}

    /** One prompt answered by the base model and by the adapter. */
    public record SideBySide(String prompt, String base, String adapted) {}

    public LossReport loss(List<TrainingExample> examples, Adapter adapter, int batchSize) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("No examples to evaluate");
        }
        double weighted = 0;
        double weights = 0;
        for (int start = 0; start < examples.size(); start += batchSize) {
            Batch batch = new Batch(
                    examples.subList(start, Math.min(examples.size(), start + batchSize)),
                    model.config().endOfTextId());
            if (batch.weightSum() == 0) {
                continue;
            }
            try (NDScope ignored = new NDScope()) {
                NDArray loss = batch.loss(
                        model.network(), model.manager(), adapter == null ? null : adapter.route(), false, 1.0);
                weighted += loss.getFloat();
                weights += batch.weightSum();
            }
        }
        double mean = weighted / weights;
        return new LossReport(mean, Math.exp(mean), (long) weights);
    }

    /** Greedy answers to each instruction, scored by exact match and token F1 against the response. */
    public QaReport questionAnswering(List<InstructionPair> pairs, Adapter adapter, int maxNewTokens) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("No question-answer pairs to evaluate");
        }
        GenerationConfig config = GenerationConfig.builder()
                .maxNewTokens(maxNewTokens)
                .stopSequences(List.of("\n\n", "###"))
                .build();
        double exact = 0;
        double f1 = 0;
        List<String> answers = new ArrayList<>();
        for (InstructionPair pair : pairs) {
            String answer = generator
                    .generate(InstructionPair.prompt(pair.instruction()), adapter, config, TokenListener.none())
                    .text()
                    .strip();
            answers.add(answer);
            exact += exactMatch(answer, pair.response()) ? 1 : 0;
            f1 += tokenF1(answer, pair.response());
        }
        return new QaReport(exact / pairs.size(), f1 / pairs.size(), answers);
    }

    /** Each prompt continued by the base model and by the adapter with the same settings. */
    public List<SideBySide> compare(List<String> prompts, Adapter adapter, GenerationConfig config) {
        List<SideBySide> rows = new ArrayList<>();
        for (String prompt : prompts) {
            String base = generator
                    .generate(prompt, null, config, TokenListener.none())
                    .text();
            String adapted = generator
                    .generate(prompt, adapter, config, TokenListener.none())
                    .text();
            rows.add(new SideBySide(prompt, base, adapted));
        }
        return rows;
    }

    /** SQuAD-style normalisation: case, punctuation, articles and extra whitespace do not count. */
    static List<String> normalizedTokens(String text) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String cleaned = lower.replaceAll("[\\p{P}\\p{S}]", " ");
        List<String> tokens = new ArrayList<>();
        for (String t : cleaned.trim().split("\\s+")) {
            if (!t.isEmpty() && !t.equals("a") && !t.equals("an") && !t.equals("the")) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    public static boolean exactMatch(String prediction, String reference) {
        return normalizedTokens(prediction).equals(normalizedTokens(reference));
    }

    public static double tokenF1(String prediction, String reference) {
        List<String> p = normalizedTokens(prediction);
        List<String> r = normalizedTokens(reference);
        if (p.isEmpty() || r.isEmpty()) {
            return p.equals(r) ? 1.0 : 0.0;
        }
        Map<String, Integer> counts = new HashMap<>();
        r.forEach(t -> counts.merge(t, 1, Integer::sum));
        int common = 0;
        for (String t : p) {
            Integer c = counts.get(t);
            if (c != null && c > 0) {
                common++;
                counts.put(t, c - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / p.size();
        double recall = (double) common / r.size();
        return 2 * precision * recall / (precision + recall);
    }
}
