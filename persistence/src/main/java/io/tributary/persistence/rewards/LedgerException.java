package io.tributary.persistence.rewards;

import jakarta.ejb.ApplicationException;

/**
 * A transfer or account operation the ledger refused; the message says what to change.
 *
 * <p>Marked as an application exception so an EJB facade passes it to the caller unwrapped and still rolls back,
 * because a refused transfer must leave nothing behind.
 */
@ApplicationException(rollback = true)
public abstract class LedgerException extends RuntimeException {

    protected LedgerException(String message) {
        super(message);
    }
}
