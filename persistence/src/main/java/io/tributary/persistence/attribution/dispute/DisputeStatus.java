package io.tributary.persistence.attribution.dispute;

/** Open until a validator of the DataNet upholds or rejects it; a decision is final. */
public enum DisputeStatus {
    OPEN,
    UPHELD,
    REJECTED
}
