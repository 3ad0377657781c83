package io.tributary.persistence.audit;

/** How an audited action ended: refused attempts are logged too. */
public enum Outcome {
    SUCCESS,
    DENIED,
    FAILED
}
