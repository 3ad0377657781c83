package io.tributary.application;

import jakarta.ejb.ApplicationException;

/** The thing asked for does not exist in the actor's tenant (other tenants' things are reported the same way). */
@ApplicationException(rollback = true)
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
