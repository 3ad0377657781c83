package io.tributary.persistence.serving;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A published model version serving can host: whose it is, under which name and number, the run whose adapter it
 * applies, its base and its price. Shared across organizations by design (public models are served to every one); the
 * serving service decides who may call it.
 */
@Entity
@Immutable
@Table(name = "serving_version")
public class ServedVersion {

    @Id
    @Column(name = "version_id")
    private UUID versionId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private int version;

    @Column(name = "run_id", nullable = false, updatable = false)
    private UUID runId;

    @Column(name = "base_sha256", nullable = false, updatable = false)
    private String baseSha256;

    @Column(name = "price_per_1k_tokens", nullable = false, updatable = false, precision = 20, scale = 6)
    private BigDecimal pricePer1kTokens;

    @Column(name = "published_at", nullable = false, updatable = false)
    private Instant publishedAt;

    /** Records retrieved into each prompt (null: the version answers without retrieval). */
    @Column(name = "retrieval_top_k", updatable = false)
    private Integer retrievalTopK;

    protected ServedVersion() {}

    /** A version as serving hosts it; {@code retrievalTopK}: records retrieved into each prompt (null: none). */
    public ServedVersion(
            UUID versionId,
            UUID tenantId,
            String name,
            int version,
            UUID runId,
            String baseSha256,
            BigDecimal pricePer1kTokens,
            Instant publishedAt,
            Integer retrievalTopK) {
        this.versionId = versionId;
        this.tenantId = tenantId;
        this.name = name;
        this.version = version;
        this.runId = runId;
        this.baseSha256 = baseSha256;
        this.pricePer1kTokens = pricePer1kTokens;
        this.publishedAt = publishedAt;
        this.retrievalTopK = retrievalTopK;
    }

    public Integer getRetrievalTopK() {
        return retrievalTopK;
    }

    public UUID getVersionId() {
        return versionId;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public int getVersion() {
        return version;
    }

    public UUID getRunId() {
        return runId;
    }

    public String getBaseSha256() {
        return baseSha256;
    }

    public BigDecimal getPricePer1kTokens() {
        return pricePer1kTokens;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }
}
