package io.tributary.application;

import jakarta.ejb.ApplicationException;

/** An idempotency key was used before by the same caller for a different request (another path or body). */
@ApplicationException(rollback = true)
public class IdempotencyMismatch extends RuntimeException {
    public IdempotencyMismatch(String message) {
        super(message);
    }
}
