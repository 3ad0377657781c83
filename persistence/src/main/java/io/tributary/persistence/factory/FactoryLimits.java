package io.tributary.persistence.factory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** How much training an organization may do: runs at once and tokens per calendar month (UTC); set by staff. */
@Entity
@Table(name = "factory_limits")
public class FactoryLimits {

    /** Runs training at once when staff set nothing. */
    public static final int DEFAULT_CONCURRENT_RUNS = 1;

    /** Training tokens per month when staff set nothing. */
    public static final long DEFAULT_MONTHLY_TOKENS = 50_000_000L;

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "max_concurrent_runs", nullable = false)
    private int maxConcurrentRuns;

    @Column(name = "monthly_token_quota", nullable = false)
    private long monthlyTokenQuota;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected FactoryLimits() {}

    public FactoryLimits(UUID tenantId, int maxConcurrentRuns, long monthlyTokenQuota, String updatedBy) {
        this.tenantId = tenantId;
        change(maxConcurrentRuns, monthlyTokenQuota, updatedBy);
    }

    public final void change(int maxConcurrentRuns, long monthlyTokenQuota, String updatedBy) {
        this.maxConcurrentRuns = maxConcurrentRuns;
        this.monthlyTokenQuota = monthlyTokenQuota;
        this.updatedBy = updatedBy;
        this.updatedAt = Instant.now();
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public int getMaxConcurrentRuns() {
        return maxConcurrentRuns;
    }

    public long getMonthlyTokenQuota() {
        return monthlyTokenQuota;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
