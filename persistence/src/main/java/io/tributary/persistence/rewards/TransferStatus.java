package io.tributary.persistence.rewards;

/** Where a transfer is in its two phases: pending transfers reserve funds until posted or voided. */
public enum TransferStatus {
    PENDING,
    POSTED,
    VOIDED
}
