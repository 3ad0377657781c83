package io.tributary.application;

import jakarta.ejb.ApplicationException;

/** The actor lacks the role or tenant an action needs; nothing was changed. */
@ApplicationException(rollback = true)
public class AccessDenied extends RuntimeException {
    public AccessDenied(String message) {
        super(message);
    }
}
