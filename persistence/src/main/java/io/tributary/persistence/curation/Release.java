package io.tributary.persistence.curation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An immutable, numbered snapshot (v1, v2, …) of a DataNet's accepted contributions, committed to by the Merkle root
 * over their leaves (see chain-bridge's MerkleTree for the leaf encoding).
 */
@Entity
@Table(name = "release")
public class Release {

    @Id
    private UUID id;

    @Column(name = "datanet_id", nullable = false, updatable = false)
    private UUID dataNetId;

    @Column(nullable = false, updatable = false)
    private int version;

    @Column(name = "merkle_root", nullable = false, updatable = false)
    private String merkleRoot;

    @Column(name = "record_count", nullable = false, updatable = false)
    private int recordCount;

    @Column(name = "published_by", nullable = false, updatable = false)
    private String publishedBy;

    @Column(name = "published_at", nullable = false, updatable = false)
    private Instant publishedAt;

    /** The chain transaction that anchored the root, once anchored. */
    @Column(name = "anchor_tx")
    private String anchorTransaction;

    @Column(name = "anchored_block")
    private Long anchoredBlock;

    /** The chain the root is anchored on; null for releases anchored before V20 (the configured chain). */
    @Column(name = "anchor_chain_id")
    private Long anchorChainId;

    /** The ProvenanceRegistry holding the root; null for releases anchored before V20 (the configured registry). */
    @Column(name = "anchor_registry")
    private String anchorRegistry;

    /** The word the root is anchored under: the release id, or the DataNet id for releases anchored before V20. */
    @Column(name = "anchor_subject")
    private String anchorSubject;

    protected Release() {}

    public Release(UUID dataNetId, int version, String merkleRoot, int recordCount, String publishedBy) {
        this.id = UUID.randomUUID();
        this.dataNetId = dataNetId;
        this.version = version;
        this.merkleRoot = merkleRoot;
        this.recordCount = recordCount;
        this.publishedBy = publishedBy;
        this.publishedAt = Instant.now();
    }

    /** Anchored on chain in this block, by this transaction when it is known, in this registry under this subject. */
    public void anchored(String transactionHash, long blockNumber, long chainId, String registry, String subject) {
        this.anchorTransaction = transactionHash;
        this.anchoredBlock = blockNumber;
        this.anchorChainId = chainId;
        this.anchorRegistry = registry;
        this.anchorSubject = subject;
    }

    public Long getAnchorChainId() {
        return anchorChainId;
    }

    public String getAnchorRegistry() {
        return anchorRegistry;
    }

    public String getAnchorSubject() {
        return anchorSubject;
    }

    public Long getAnchoredBlock() {
        return anchoredBlock;
    }

    public UUID getId() {
        return id;
    }

    public UUID getDataNetId() {
        return dataNetId;
    }

    public int getVersion() {
        return version;
    }

    public String getMerkleRoot() {
        return merkleRoot;
    }

    public int getRecordCount() {
        return recordCount;
    }

    public String getPublishedBy() {
        return publishedBy;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public String getAnchorTransaction() {
        return anchorTransaction;
    }
}
