package io.tributary.persistence.rewards;

/** A transfer whose shape is wrong (too few legs, a zero leg, an account twice, no cause). */
public class InvalidTransfer extends LedgerException {

    public InvalidTransfer(String message) {
        super(message);
    }
}
