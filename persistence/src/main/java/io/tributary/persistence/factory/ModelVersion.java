package io.tributary.persistence.factory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/**
 * A published model: a run's adapter on its base, with the releases (and Merkle roots) it learned from, its settings,
 * evaluation, licence and price. Never changes (the database refuses updates); a new run publishes a new version.
 */
@Entity
@Immutable
@Table(name = "factory_model_version")
public class ModelVersion {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "run_id", nullable = false, updatable = false)
    private UUID runId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private int version;

    @Column(name = "base_sha256", nullable = false, updatable = false)
    private String baseSha256;

    @Column(name = "adapter_sha256", nullable = false, updatable = false)
    private String adapterSha256;

    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String releases;

    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String settings;

    @Column(updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String evaluation;

    @Column(nullable = false, updatable = false)
    private String licence;

    @Column(name = "price_per_1k_tokens", nullable = false, updatable = false, precision = 20, scale = 6)
    private BigDecimal pricePer1kTokens;

    @Column(name = "published_by", nullable = false, updatable = false)
    private String publishedBy;

    @Column(name = "published_at", nullable = false, updatable = false)
    private Instant publishedAt;

    /** Records retrieved into each prompt (null: the version answers without retrieval). */
    @Column(name = "retrieval_top_k", updatable = false)
    private Integer retrievalTopK;

    protected ModelVersion() {}

    /** A published version; {@code retrievalTopK}: records retrieved into each prompt (null: none). */
    public ModelVersion(
            UUID runId,
            String name,
            int version,
            String baseSha256,
            String adapterSha256,
            String releases,
            String settings,
            String evaluation,
            String licence,
            BigDecimal pricePer1kTokens,
            String publishedBy,
            Integer retrievalTopK) {
        this.id = UUID.randomUUID();
        this.runId = runId;
        this.name = name;
        this.version = version;
        this.baseSha256 = baseSha256;
        this.adapterSha256 = adapterSha256;
        this.releases = releases;
        this.settings = settings;
        this.evaluation = evaluation;
        this.licence = licence;
        this.pricePer1kTokens = pricePer1kTokens;
        this.publishedBy = publishedBy;
        this.publishedAt = Instant.now();
        this.retrievalTopK = retrievalTopK;
    }

    public Integer getRetrievalTopK() {
        return retrievalTopK;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getRunId() {
        return runId;
    }

    public String getName() {
        return name;
    }

    public int getVersion() {
        return version;
    }

    public String getBaseSha256() {
        return baseSha256;
    }

    public String getAdapterSha256() {
        return adapterSha256;
    }

    public String getReleases() {
        return releases;
    }

    public String getSettings() {
        return settings;
    }

    public String getEvaluation() {
        return evaluation;
    }

    public String getLicence() {
        return licence;
    }

    public BigDecimal getPricePer1kTokens() {
        return pricePer1kTokens;
    }

    public String getPublishedBy() {
        return publishedBy;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }
}
