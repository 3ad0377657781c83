package io.tributary.persistence.factory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.TenantId;

/**
 * One fine-tuning run as a durable job: queued in the database, claimed by one node at a time, checkpointed, and
 * resumed from its last checkpoint when the node that trained it died. Its settings and the releases it trains on
 * are JSON documents the factory's services read as typed records.
 */
@Entity
@Table(name = "factory_run")
public class TrainingJob {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "base_model_id", nullable = false, updatable = false)
    private UUID baseModelId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Objective objective;

    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String settings;

    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String releases;

    @Column(name = "for_sale", nullable = false, updatable = false)
    private boolean forSale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_by_member", updatable = false)
    private UUID createdByMember;

    @Column(name = "queued_at", nullable = false)
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "cancel_requested", nullable = false)
    private boolean cancelRequested;

    @Column(nullable = false)
    private int step;

    @Column(name = "total_steps", nullable = false, updatable = false)
    private int totalSteps;

    @Column(name = "estimated_tokens", nullable = false, updatable = false)
    private long estimatedTokens;

    @Column(name = "tokens_trained", nullable = false)
    private long tokensTrained;

    @Column(name = "final_loss")
    private Double finalLoss;

    @Column(name = "validation_loss")
    private Double validationLoss;

    @Column(name = "failure_reason")
    private String failureReason;

    /** The checkpoint a resumed or forked run continues from; null: from scratch. */
    @Column(name = "resume_from")
    private String resumeFrom;

    @Column(name = "parent_run_id", updatable = false)
    private UUID parentRunId;

    @Column(name = "parent_step", updatable = false)
    private Integer parentStep;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String evaluation;

    @Column(name = "adapter_sha256")
    private String adapterSha256;

    protected TrainingJob() {}

    public TrainingJob(
            String name,
            UUID baseModelId,
            Objective objective,
            String settings,
            String releases,
            boolean forSale,
            int totalSteps,
            long estimatedTokens,
            String createdBy,
            UUID createdByMember) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.baseModelId = baseModelId;
        this.objective = objective;
        this.settings = settings;
        this.releases = releases;
        this.forSale = forSale;
        this.totalSteps = totalSteps;
        this.estimatedTokens = estimatedTokens;
        this.createdBy = createdBy;
        this.createdByMember = createdByMember;
        this.status = JobStatus.QUEUED;
        this.queuedAt = Instant.now();
    }

    /** A run that continues another's checkpoint with the same data and settings (a fork). */
    public TrainingJob forkedFrom(UUID parent, int parentStep, String checkpoint) {
        this.parentRunId = parent;
        this.parentStep = parentStep;
        this.resumeFrom = checkpoint;
        return this;
    }

    /** Back in the queue, to continue from a checkpoint (or from scratch when null). */
    public void requeue(String checkpoint) {
        this.status = JobStatus.QUEUED;
        this.queuedAt = Instant.now();
        this.resumeFrom = checkpoint;
        this.cancelRequested = false;
        this.failureReason = null;
        this.finishedAt = null;
        this.claimedBy = null;
    }

    public void requestCancel() {
        this.cancelRequested = true;
    }

    /** Ended before it started training. */
    public void cancelWhileQueued() {
        this.status = JobStatus.CANCELLED;
        this.finishedAt = Instant.now();
    }

    public void progressed(int step, long tokensTrained) {
        this.step = step;
        this.tokensTrained = tokensTrained;
        this.heartbeatAt = Instant.now();
    }

    public void finished(JobStatus status, Double finalLoss, Double validationLoss, String failureReason) {
        this.status = status;
        this.finalLoss = finalLoss;
        this.validationLoss = validationLoss;
        this.failureReason = failureReason;
        this.finishedAt = Instant.now();
    }

    public void evaluated(String evaluation, String adapterSha256) {
        this.evaluation = evaluation;
        this.adapterSha256 = adapterSha256;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public UUID getBaseModelId() {
        return baseModelId;
    }

    public Objective getObjective() {
        return objective;
    }

    public String getSettings() {
        return settings;
    }

    public String getReleases() {
        return releases;
    }

    public boolean isForSale() {
        return forSale;
    }

    public JobStatus getStatus() {
        return status;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public UUID getCreatedByMember() {
        return createdByMember;
    }

    public Instant getQueuedAt() {
        return queuedAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public Instant getHeartbeatAt() {
        return heartbeatAt;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    public int getStep() {
        return step;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    public long getEstimatedTokens() {
        return estimatedTokens;
    }

    public long getTokensTrained() {
        return tokensTrained;
    }

    public Double getFinalLoss() {
        return finalLoss;
    }

    public Double getValidationLoss() {
        return validationLoss;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public String getResumeFrom() {
        return resumeFrom;
    }

    public UUID getParentRunId() {
        return parentRunId;
    }

    public Integer getParentStep() {
        return parentStep;
    }

    public String getEvaluation() {
        return evaluation;
    }

    public String getAdapterSha256() {
        return adapterSha256;
    }
}
