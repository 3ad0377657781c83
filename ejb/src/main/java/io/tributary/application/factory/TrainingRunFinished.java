package io.tributary.application.factory;

import io.tributary.application.events.DomainEvent;
import java.util.UUID;

/**
 * A training run ended (completed, cancelled or failed). Fired after the run's final state is committed.
 *
 * @param status COMPLETED, CANCELLED or FAILED
 */
public record TrainingRunFinished(UUID tenantId, UUID runId, String status, Double finalLoss, String adapterSha256)
        implements DomainEvent {

    @Override
    public String subject() {
        return "training-run:" + runId;
    }
}
