package io.tributary.application.attribution;

import io.tributary.application.events.DomainEvents;
import io.tributary.chain.Bytes32;
import io.tributary.chain.MerkleTree;
import io.tributary.persistence.attribution.AttributionRepository;
import io.tributary.persistence.attribution.Receipt;
import io.tributary.persistence.attribution.ReceiptBatch;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Seals the receipts written since the last batch under one Merkle tree (OpenZeppelin's layout, leaves as
 * {@link io.tributary.chain.ReceiptLeaf}) when {@link ReceiptSealer} asks, every few seconds, and publishes {@link ReceiptBatchSealed} in the same
 * transaction, so the anchoring is driven by the outbox. Nodes of a cluster never seal the same receipt: rows are
 * claimed with {@code SKIP LOCKED}.
 */
@Stateless
public class ReceiptBatches {

    /** The most receipts one root anchors (the tree's nodes, 64 bytes per receipt, are stored with the batch). */
    static final int MAX_BATCH = 4096;

    @Inject
    AttributionRepository repository;

    @Inject
    DomainEvents events;

    /** Seals what waits; returns the batch's id, or null when no receipt waited. */
    public UUID seal() {
        List<Receipt> receipts = repository.lockUnbatched(MAX_BATCH);
        if (receipts.isEmpty()) return null;
        MerkleTree tree = MerkleTree.of(
                receipts.stream().map(r -> Bytes32.of(r.getLeaf())).toList());
        UUID id = UUID.randomUUID();
        repository.add(new ReceiptBatch(id, tree.root().hex(), tree.size(), tree.nodeBytes(0, tree.nodeByteCount())));
        receipts.forEach(r -> r.batched(id));
        events.publish(new ReceiptBatchSealed(id, tree.root().hex(), tree.size()));
        return id;
    }
}
