package io.tributary.persistence.rewards;

import java.util.UUID;

/** A transfer id reused for a different movement of money: the id is an idempotency key, not a name to recycle. */
public class TransferConflict extends LedgerException {

    private final UUID transferId;

    public TransferConflict(UUID transferId, String difference) {
        super("Transfer " + transferId + " already exists with " + difference
                + ". A retry must repeat the original request exactly; a new transfer needs a new id.");
        this.transferId = transferId;
    }

    public UUID transferId() {
        return transferId;
    }
}
