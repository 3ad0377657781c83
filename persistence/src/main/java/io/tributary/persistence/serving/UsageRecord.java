package io.tributary.persistence.serving;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/**
 * One answered request, owned by the calling organization: who called (API key or member), which model and version,
 * the exact token counts, latency and time to first token, how it ended and what it cost. Its id is the attribution
 * receipt's id. Never changes (the database refuses updates).
 */
@Entity
@Immutable
@Table(name = "serving_usage")
public class UsageRecord {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "api_key_id", updatable = false)
    private UUID apiKeyId;

    @Column(name = "member_id", updatable = false)
    private UUID memberId;

    @Column(nullable = false, updatable = false)
    private String caller;

    @Column(nullable = false, updatable = false)
    private String model;

    @Column(name = "version_id", updatable = false)
    private UUID versionId;

    @Column(name = "owner_tenant_id", updatable = false)
    private UUID ownerTenantId;

    @Column(name = "prompt_tokens", nullable = false, updatable = false)
    private int promptTokens;

    @Column(name = "completion_tokens", nullable = false, updatable = false)
    private int completionTokens;

    @Column(name = "latency_ms", nullable = false, updatable = false)
    private int latencyMs;

    @Column(name = "time_to_first_token_ms", updatable = false)
    private Integer timeToFirstTokenMs;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private UsageStatus status;

    @Column(nullable = false, updatable = false, precision = 38)
    private BigInteger charge;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected UsageRecord() {}

    /** A usage record for the tenant bound to the thread (Hibernate fills {@code tenant_id}). */
    public UsageRecord(
            UUID id,
            UUID apiKeyId,
            UUID memberId,
            String caller,
            String model,
            UUID versionId,
            UUID ownerTenantId,
            int promptTokens,
            int completionTokens,
            int latencyMs,
            Integer timeToFirstTokenMs,
            UsageStatus status,
            BigInteger charge,
            Instant createdAt) {
        this.id = id;
        this.apiKeyId = apiKeyId;
        this.memberId = memberId;
        this.caller = caller;
        this.model = model;
        this.versionId = versionId;
        this.ownerTenantId = ownerTenantId;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.latencyMs = latencyMs;
        this.timeToFirstTokenMs = timeToFirstTokenMs;
        this.status = status;
        this.charge = charge;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getApiKeyId() {
        return apiKeyId;
    }

    public UUID getMemberId() {
        return memberId;
    }

    public String getCaller() {
        return caller;
    }

    public String getModel() {
        return model;
    }

    public UUID getVersionId() {
        return versionId;
    }

    public UUID getOwnerTenantId() {
        return ownerTenantId;
    }

    public int getPromptTokens() {
        return promptTokens;
    }

    public int getCompletionTokens() {
        return completionTokens;
    }

    public int getLatencyMs() {
        return latencyMs;
    }

    public Integer getTimeToFirstTokenMs() {
        return timeToFirstTokenMs;
    }

    public UsageStatus getStatus() {
        return status;
    }

    public BigInteger getCharge() {
        return charge;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
