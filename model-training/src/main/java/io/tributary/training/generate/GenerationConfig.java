package io.tributary.training.generate;

import java.util.List;

/**
 * Decoding settings; build with {@link #builder()}.
 *
 * @param maxNewTokens tokens to generate at most
 * @param temperature 0 for greedy decoding, otherwise the softmax temperature
 * @param topK keep only the k most likely tokens (0: all)
 * @param topP keep the smallest set of tokens whose probability reaches p (1: all)
 * @param stopSequences generation ends when the text contains one; it is not part of the result
 * @param seed seeds sampling, so equal seeds give equal samples; null draws a fresh seed per generation (reported in
 *     {@link Generation#seed()})
 * @param useKvCache reuse attention keys and values between steps (same tokens, much faster)
 * @param stopAtEndOfText end when the model emits its end-of-text token
 * @param frequencyPenalty subtracted from a token's logit once per time it was already generated (-2 to 2, as in
 *     OpenAI's API): positive values make loops less likely
 * @param presencePenalty subtracted from the logit of every token generated at least once (-2 to 2)
 * @param repetitionPenalty Hugging Face's (CTRL's) penalty: the logit of every token of the prompt or the text so far
 *     is divided by it when positive and multiplied by it when negative (1: none; above 1 makes repeats less likely)
 * @param noRepeatNgramSize Hugging Face's rule: no n-gram of this many tokens occurs twice in the prompt and text
 *     together (0: off)
 */
public record GenerationConfig(
        int maxNewTokens,
        double temperature,
        int topK,
        double topP,
        List<String> stopSequences,
        Long seed,
        boolean useKvCache,
        boolean stopAtEndOfText,
        double frequencyPenalty,
        double presencePenalty,
        double repetitionPenalty,
        int noRepeatNgramSize) {

    public GenerationConfig {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be positive");
        }
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature must not be negative");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must not be negative");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1]");
        }
        if (!(frequencyPenalty >= -2 && frequencyPenalty <= 2)) {
            throw new IllegalArgumentException("frequencyPenalty must be between -2 and 2");
        }
        if (!(presencePenalty >= -2 && presencePenalty <= 2)) {
            throw new IllegalArgumentException("presencePenalty must be between -2 and 2");
        }
        if (!(repetitionPenalty > 0 && repetitionPenalty <= 10)) {
            throw new IllegalArgumentException("repetitionPenalty must be above 0 and at most 10");
        }
        if (noRepeatNgramSize < 0) {
            throw new IllegalArgumentException("noRepeatNgramSize must not be negative");
        }
        stopSequences = List.copyOf(stopSequences);
        if (stopSequences.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("stop sequences must not be empty");
        }
    }

    /** Greedy decoding of up to {@code maxNewTokens} tokens with the cache on. */
    public static GenerationConfig greedy(int maxNewTokens) {
        return builder().maxNewTokens(maxNewTokens).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder()
                .maxNewTokens(maxNewTokens)
                .temperature(temperature)
                .topK(topK)
                .topP(topP)
                .stopSequences(stopSequences)
                .useKvCache(useKvCache)
                .stopAtEndOfText(stopAtEndOfText)
                .frequencyPenalty(frequencyPenalty)
                .presencePenalty(presencePenalty)
                .repetitionPenalty(repetitionPenalty)
                .noRepeatNgramSize(noRepeatNgramSize);
        builder.seed = seed;
        return builder;
    }

    /** Builds a {@link GenerationConfig}; defaults: 64 tokens, greedy, no top-k/top-p, no penalties, a fresh seed, cache on. */
    public static final class Builder {
        private int maxNewTokens = 64;
        private double temperature = 0;
        private int topK = 0;
        private double topP = 1;
        private List<String> stopSequences = List.of();
        private Long seed;
        private boolean useKvCache = true;
        private boolean stopAtEndOfText = true;
        private double frequencyPenalty;
        private double presencePenalty;
        private double repetitionPenalty = 1;
        private int noRepeatNgramSize;

        public Builder maxNewTokens(int v) {
            maxNewTokens = v;
            return this;
        }

        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        public Builder topK(int v) {
            topK = v;
            return this;
        }

        public Builder topP(double v) {
            topP = v;
            return this;
        }

        public Builder stopSequences(List<String> v) {
            stopSequences = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** A fresh random seed for every generation (the default). */
        public Builder randomSeed() {
            seed = null;
            return this;
        }

        public Builder useKvCache(boolean v) {
            useKvCache = v;
            return this;
        }

        public Builder stopAtEndOfText(boolean v) {
            stopAtEndOfText = v;
            return this;
        }

        public Builder frequencyPenalty(double v) {
            frequencyPenalty = v;
            return this;
        }

        public Builder presencePenalty(double v) {
            presencePenalty = v;
            return this;
        }

        public Builder repetitionPenalty(double v) {
            repetitionPenalty = v;
            return this;
        }

        public Builder noRepeatNgramSize(int v) {
            noRepeatNgramSize = v;
            return this;
        }

        public GenerationConfig build() {
            return new GenerationConfig(
                    maxNewTokens,
                    temperature,
                    topK,
                    topP,
                    stopSequences,
                    seed,
                    useKvCache,
                    stopAtEndOfText,
                    frequencyPenalty,
                    presencePenalty,
                    repetitionPenalty,
                    noRepeatNgramSize);
        }
    }
}
