package io.tributary.training.serving;

import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.TokenListener;

/**
 * A generation request for the adapter server.
 *
 * @param prompt the text to continue
 * @param adapterId the adapter to apply, or null for the base model
 * @param config decoding settings
 * @param listener receives tokens as they are decoded
 */
public record ServingRequest(String prompt, String adapterId, GenerationConfig config, TokenListener listener) {

    public ServingRequest {
        if (prompt == null) {
            throw new IllegalArgumentException("prompt must not be null");
        }
        if (listener == null) {
            listener = TokenListener.none();
        }
    }

    public static ServingRequest of(String prompt, String adapterId, GenerationConfig config) {
        return new ServingRequest(prompt, adapterId, config, TokenListener.none());
    }
}
