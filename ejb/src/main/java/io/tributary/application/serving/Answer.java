package io.tributary.application.serving;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * A served request's answer, as metered.
 *
 * @param id the answer's id (its usage record's and attribution receipt's id)
 * @param model the model id as the caller named it
 * @param choices the choices, in index order
 * @param promptTokens prompt tokens of every prompt
 * @param completionTokens completion tokens of every choice
 * @param charge what the caller's organization paid, in TRIB base units
 * @param seed the seed of the first choice (pass it back to repeat the answer)
 * @param status COMPLETED, or CANCELLED when the client went away or the request timed out
 */
public record Answer(
        String id,
        String model,
        Instant created,
        List<Choice> choices,
        int promptTokens,
        int completionTokens,
        BigInteger charge,
        Long seed,
        String status) {

    /** One choice: its index, text and why it ended ("stop" or "length"). */
    public record Choice(int index, String text, String finishReason) {}

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
