package io.tributary.application;

import java.util.Optional;

/**
 * A client's idempotency key with the fingerprint of the request it came with (method, path and a hash of the body).
 * A key is remembered per caller, so two callers never share one, and repeating it with another request is refused.
 *
 * @param key what the client sent in {@code Idempotency-Key}, 1 to 200 printable characters
 * @param fingerprint a hash of the request, or a fixed word for requests that have no body (pages)
 */
public record IdempotencyKey(String key, String fingerprint) {

    public static final int MAX_LENGTH = 200;

    public IdempotencyKey {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("An idempotency key is not blank.");
        }
        key = key.strip();
        if (key.length() > MAX_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(
                    "Idempotency-Key", "An idempotency key is 1 to " + MAX_LENGTH + " printable characters.");
        }
    }

    /** The key a client sent, if any; a blank header counts as none. */
    public static Optional<IdempotencyKey> of(String raw, String fingerprint) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(new IdempotencyKey(raw, fingerprint));
    }

    /** What is stored: the key within its caller's scope. */
    public String scopedTo(Actor actor) {
        return actor.caller() + "|" + key;
    }

    /** The earlier result of this key, or a refusal when that result answered a different request. */
    public <T> T replay(T earlier, String earlierFingerprint) {
        if (earlierFingerprint != null && !earlierFingerprint.equals(fingerprint)) {
            throw new IdempotencyMismatch("The Idempotency-Key '" + key + "' was already used for a different request"
                    + " (another method, path or body). Send a new key for a new request, or repeat the first"
                    + " request exactly to get its result.");
        }
        return earlier;
    }
}
