package io.tributary.persistence.rewards.custody;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A disagreement between the ledger and the chain that froze a wallet; open until platform staff resolve it. */
@Entity
@Table(name = "reconciliation_alert")
public class ReconciliationAlert {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "wallet_id", nullable = false, updatable = false)
    private UUID walletId;

    @Column(name = "block_number", nullable = false, updatable = false)
    private long blockNumber;

    @Column(nullable = false, updatable = false)
    private String findings;

    @Column(name = "raised_at", nullable = false, updatable = false)
    private Instant raisedAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolved_by")
    private String resolvedBy;

    private String resolution;

    protected ReconciliationAlert() {}

    public ReconciliationAlert(UUID tenantId, UUID walletId, long blockNumber, String findings) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.walletId = walletId;
        this.blockNumber = blockNumber;
        this.findings = findings.length() > 4000 ? findings.substring(0, 4000) : findings;
        this.raisedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public void resolve(String by, String resolution, Instant at) {
        this.resolvedBy = by;
        this.resolution = resolution;
        this.resolvedAt = at;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getWalletId() {
        return walletId;
    }

    public long getBlockNumber() {
        return blockNumber;
    }

    public String getFindings() {
        return findings;
    }

    public Instant getRaisedAt() {
        return raisedAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }

    public String getResolution() {
        return resolution;
    }
}
