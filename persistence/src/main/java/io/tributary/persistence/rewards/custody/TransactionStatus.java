package io.tributary.persistence.rewards.custody;

/**
 * A wallet transaction's way through the outbox: queued (no nonce yet), signed (bytes and hash stored), broadcast,
 * mined (inclusion stored, not deep enough), then confirmed or failed; cancelled only before signing.
 */
public enum TransactionStatus {
    QUEUED,
    SIGNED,
    BROADCAST,
    MINED,
    CONFIRMED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == CONFIRMED || this == FAILED || this == CANCELLED;
    }
}
