package io.tributary.application.attribution;

import io.tributary.application.events.DomainEvent;
import java.util.UUID;

/** Receipts were sealed under a Merkle root: anchor it on chain. Published in the transaction that seals them. */
public record ReceiptBatchSealed(UUID batchId, String merkleRoot, int size) implements DomainEvent {

    @Override
    public String subject() {
        return "receipt-batch:" + batchId;
    }
}
