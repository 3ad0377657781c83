package io.tributary.persistence.factory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A checkpoint a run wrote (adapter, optimiser state, counters), from which it or a fork can continue. */
@Entity
@Table(name = "factory_checkpoint")
public class RunCheckpoint {

    @Id
    private UUID id;

    @Column(name = "run_id", nullable = false, updatable = false)
    private UUID runId;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private int step;

    @Column(nullable = false, updatable = false)
    private String directory;

    @Column(nullable = false, updatable = false)
    private double loss;

    @Column(name = "validation_loss", updatable = false)
    private Double validationLoss;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected RunCheckpoint() {}

    public RunCheckpoint(UUID runId, int step, String directory, double loss, Double validationLoss) {
        this.id = UUID.randomUUID();
        this.runId = runId;
        this.step = step;
        this.directory = directory;
        this.loss = loss;
        this.validationLoss = validationLoss;
        this.createdAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getRunId() {
        return runId;
    }

    public int getStep() {
        return step;
    }

    public String getDirectory() {
        return directory;
    }

    public double getLoss() {
        return loss;
    }

    public Double getValidationLoss() {
        return validationLoss;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
