package io.tributary.application.serving;

import io.tributary.training.generate.GenerationConfig;

/**
 * How a client asked an answer to avoid repeating itself: OpenAI's frequency and presence penalties (-2 to 2, counting
 * the answer's tokens), vLLM's and Hugging Face's repetition penalty (above 0, at most 10) and Hugging Face's
 * no-repeat n-gram size (counting the prompt's tokens too). A setting left out (null) is the base's recommended one
 * from its generation_config.json, as vLLM does.
 */
public record Penalties(Double frequency, Double presence, Double repetition, Integer noRepeatNgramSize) {

    /** A request that chose no penalty: the base's recommended ones apply. */
    public static final Penalties UNCHOSEN = new Penalties(null, null, null, null);

    void check() {
        checkOpenAi("frequency_penalty", frequency);
        checkOpenAi("presence_penalty", presence);
        if (repetition != null && !(repetition > 0 && repetition <= 10)) {
            throw InferenceRefused.invalid(
                    "repetition_penalty", "repetition_penalty must be greater than 0 and at most 10 (1: none)");
        }
        if (noRepeatNgramSize != null && noRepeatNgramSize < 0) {
            throw InferenceRefused.invalid(
                    "no_repeat_ngram_size", "no_repeat_ngram_size must be 0 (off) or a positive whole number");
        }
    }

    private static void checkOpenAi(String param, Double value) {
        if (value != null && !(value >= -2 && value <= 2)) {
            throw InferenceRefused.invalid(param, param + " must be between -2 and 2");
        }
    }

    /** Sets these penalties on a generation, the base's {@code recommended} ones where the client chose none. */
    GenerationConfig.Builder applyTo(GenerationConfig.Builder builder, GenerationConfig recommended) {
        return builder.frequencyPenalty(frequency == null ? recommended.frequencyPenalty() : frequency)
                .presencePenalty(presence == null ? recommended.presencePenalty() : presence)
                .repetitionPenalty(repetition == null ? recommended.repetitionPenalty() : repetition)
                .noRepeatNgramSize(noRepeatNgramSize == null ? recommended.noRepeatNgramSize() : noRepeatNgramSize);
    }
}
