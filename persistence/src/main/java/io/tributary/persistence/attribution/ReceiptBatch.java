package io.tributary.persistence.attribution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Receipts sealed under one Merkle root (the tree's nodes kept, so any receipt's proof is read back without
 * recomputing), and where that root was anchored on chain once the anchoring observer has sent it.
 */
@Entity
@Table(name = "attribution_receipt_batch")
public class ReceiptBatch {

    @Id
    private UUID id;

    @Column(name = "merkle_root", nullable = false, updatable = false)
    private String merkleRoot;

    @Column(nullable = false, updatable = false)
    private int size;

    @Column(nullable = false, updatable = false)
    private byte[] tree;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "chain_id")
    private Long chainId;

    @Column
    private String registry;

    @Column(name = "anchor_transaction")
    private String anchorTransaction;

    @Column(name = "anchored_block")
    private Long anchoredBlock;

    protected ReceiptBatch() {}

    public ReceiptBatch(UUID id, String merkleRoot, int size, byte[] tree) {
        this.id = id;
        this.merkleRoot = merkleRoot;
        this.size = size;
        this.tree = tree.clone();
        this.createdAt = Instant.now();
    }

    /** The root is in the registry at {@code registry} on chain {@code chainId}, since this block. */
    public void anchored(long chainId, String registry, String transaction, long block) {
        this.chainId = chainId;
        this.registry = registry;
        this.anchorTransaction = transaction;
        this.anchoredBlock = block;
    }

    public UUID getId() {
        return id;
    }

    public String getMerkleRoot() {
        return merkleRoot;
    }

    public int getSize() {
        return size;
    }

    public byte[] getTree() {
        return tree.clone();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Long getChainId() {
        return chainId;
    }

    public String getRegistry() {
        return registry;
    }

    public String getAnchorTransaction() {
        return anchorTransaction;
    }

    public Long getAnchoredBlock() {
        return anchoredBlock;
    }
}
