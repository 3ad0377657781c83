package io.tributary.persistence.serving;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * How much an organization may ask of serving: requests and tokens per minute, tokens per calendar month (UTC), and
 * how many of its requests may wait or run at once on a node; set by staff, the defaults otherwise.
 */
@Entity
@Table(name = "serving_limits")
public class ServingLimits {

    public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
    public static final int DEFAULT_TOKENS_PER_MINUTE = 200_000;
    public static final long DEFAULT_MONTHLY_TOKENS = 100_000_000L;
    public static final int DEFAULT_QUEUE_BOUND = 32;

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "requests_per_minute", nullable = false)
    private int requestsPerMinute;

    @Column(name = "tokens_per_minute", nullable = false)
    private int tokensPerMinute;

    @Column(name = "monthly_token_quota", nullable = false)
    private long monthlyTokenQuota;

    @Column(name = "queue_bound", nullable = false)
    private int queueBound;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ServingLimits() {}

    public ServingLimits(UUID tenantId) {
        this.tenantId = tenantId;
        change(
                DEFAULT_REQUESTS_PER_MINUTE,
                DEFAULT_TOKENS_PER_MINUTE,
                DEFAULT_MONTHLY_TOKENS,
                DEFAULT_QUEUE_BOUND,
                "platform defaults");
    }

    public final void change(
            int requestsPerMinute, int tokensPerMinute, long monthlyTokenQuota, int queueBound, String updatedBy) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.monthlyTokenQuota = monthlyTokenQuota;
        this.queueBound = queueBound;
        this.updatedBy = updatedBy;
        this.updatedAt = Instant.now();
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public int getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public int getTokensPerMinute() {
        return tokensPerMinute;
    }

    public long getMonthlyTokenQuota() {
        return monthlyTokenQuota;
    }

    public int getQueueBound() {
        return queueBound;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
