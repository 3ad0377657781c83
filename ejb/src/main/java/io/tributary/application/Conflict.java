package io.tributary.application;

import jakarta.ejb.ApplicationException;

/** The request clashes with the current state (a duplicate, or a change that would break an invariant). */
@ApplicationException(rollback = true)
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
