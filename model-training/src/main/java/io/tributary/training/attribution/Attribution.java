package io.tributary.training.attribution;

import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.train.TrainingExample;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one entry point the platform calls for attribution: build the per-version indexes at the end of a training
 * run, then attribute each inference (prompt and generated output) to training records by gradient influence, its
 * gradient-cosine and BM25 baselines, and verbatim spans.
 */
public final class Attribution {

    private Attribution() {}

    /** Each record's projected LoRA gradient and the preconditioner; save it with the model version. */
    public static GradientIndex gradientIndex(
            LanguageModel model,
            Adapter adapter,
            List<TrainingExample> records,
            List<String> ids,
            GradientIndexConfig config) {
        return GradientIndex.build(model, adapter, records, ids, config);
    }

    /** The BM25 baseline over the records' text. */
    public static Bm25Index bm25Index(List<String> texts, List<String> ids) {
        return new Bm25Index(texts, ids);
    }

    /** The suffix array over the records' tokens, for verbatim spans. */
    public static TokenSuffixArray suffixArray(List<int[]> records, List<String> ids) {
        return new TokenSuffixArray(records, ids);
    }

    /** The sequence prompt + output whose loss counts only the output tokens: what an inference is scored by. */
    public static TrainingExample answerExample(int[] prompt, int[] output) {
        if (prompt.length == 0 || output.length == 0) {
            throw new IllegalArgumentException("An answer needs at least one prompt token and one output token");
        }
        int[] tokens = new int[prompt.length + output.length];
        System.arraycopy(prompt, 0, tokens, 0, prompt.length);
        System.arraycopy(output, 0, tokens, prompt.length, output.length);
        float[] weights = new float[tokens.length - 1];
        // weights[i] is the loss of predicting tokens[i + 1]: count it when that token is part of the output.
        for (int i = prompt.length - 1; i < weights.length; i++) {
            weights[i] = 1f;
        }
        return new TrainingExample(tokens, weights);
    }

    /** The answer's loss gradient with respect to the adapter, projected as the index's records were. */
    public static float[] answerGradient(
            LanguageModel model, Adapter adapter, GradientIndex index, int[] prompt, int[] output) {
        TrainingExample answer = answerExample(prompt, output);
        try (LoraGradientProjection projection = index.projection(adapter)) {
            return new GradientAttribution(model).projectedGradient(adapter, answer, projection);
        }
    }

    /** The answer's gradient projected both ways (whole-model and per layer), so every method can score it. */
    public static ProjectedGradient answerGradients(
            LanguageModel model, Adapter adapter, GradientIndex index, int[] prompt, int[] output) {
        TrainingExample answer = answerExample(prompt, output);
        try (LoraGradientProjection projection = index.projection(adapter)) {
            return new GradientAttribution(model).projectedGradients(adapter, answer, projection);
        }
    }

    /**
     * The top records for one inference under a gradient method ({@link GradientIndex.Method#defaultMethod()}
     * unless measured otherwise).
     */
    public static AttributionResult byGradient(
            LanguageModel model,
            Adapter adapter,
            GradientIndex index,
            int[] prompt,
            int[] output,
            GradientIndex.Method method,
            int topK) {
        return index.score(answerGradients(model, adapter, index, prompt, output), method, topK);
    }

    /** The top records for one inference under the index's default method ({@link GradientIndex#defaultMethod()}). */
    public static AttributionResult byGradient(
            LanguageModel model, Adapter adapter, GradientIndex index, int[] prompt, int[] output, int topK) {
        return byGradient(model, adapter, index, prompt, output, index.defaultMethod(), topK);
    }

    /** The top records for one inference by BM25 over prompt and output text. */
    public static AttributionResult byBm25(Bm25Index index, String prompt, String output, int topK) {
        return index.score(prompt + "\n" + output, topK);
    }

    /** The output's maximal spans of at least {@code minLength} tokens found verbatim in training records. */
    public static List<VerbatimSpan> verbatimSpans(TokenSuffixArray suffixArray, int[] output, int minLength) {
        return suffixArray.spans(output, minLength);
    }

    /**
     * Contributor weights of one inference (summing to 1) from its scored records under the gaming and fairness
     * rules: duplicates credit the kept record, a noise band, aggregation per contributor, a per-contributor cap.
     */
    public static CreditRules.Credit credit(
            Collection<ScoredRecord> scored,
            Map<String, String> contributorOf,
            Map<String, String> keptRecordOf,
            CreditRules rules) {
        return rules.credit(scored, contributorOf, keptRecordOf);
    }
}
