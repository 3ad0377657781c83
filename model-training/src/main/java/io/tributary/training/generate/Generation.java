package io.tributary.training.generate;

/**
 * A finished generation.
 *
 * @param text the generated text, without the prompt and without any stop sequence
 * @param tokens the generated token ids (including those of a stop sequence, excluding end-of-text)
 * @param stopReason why generation ended
 * @param seed the sampling seed used; passing it in the config reproduces this generation
 */
public record Generation(String text, int[] tokens, StopReason stopReason, long seed) {

    /** Why generation ended. */
    public enum StopReason {
        MAX_TOKENS,
        END_OF_TEXT,
        STOP_SEQUENCE,
        CONTEXT_FULL
    }
}
