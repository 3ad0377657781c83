package io.tributary.application;

import jakarta.ejb.ApplicationException;

/** The caller's credentials are missing, unknown, expired or revoked (as opposed to valid but insufficient). */
@ApplicationException(rollback = true)
public class Unauthenticated extends AccessDenied {
    public Unauthenticated(String message) {
        super(message);
    }
}
