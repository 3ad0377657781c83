package io.tributary.application.factory;

import io.tributary.application.events.DomainEvents;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.factory.FactoryLimits;
import io.tributary.persistence.factory.FactoryRepository;
import io.tributary.persistence.factory.JobStatus;
import io.tributary.persistence.factory.RunCheckpoint;
import io.tributary.persistence.factory.RunMetric;
import io.tributary.persistence.factory.TrainingJob;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The worker's side of the queue, each call its own transaction: claiming, recovering orphans, recording progress,
 * checkpoints and the end of a run. Calls about one job run with the thread bound to the job's tenant.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TrainingQueue {

    @Inject
    FactoryRepository repository;

    @Inject
    DomainEvents events;

    /** The next job this node may train, as (job, tenant), marked running on this node. */
    public Optional<UUID[]> claim(String node) {
        return TenantContext.asPlatform(() -> repository.claimNext(node, FactoryLimits.DEFAULT_CONCURRENT_RUNS));
    }

    /** Requeues the jobs of dead nodes (and, at start, this node's own) to resume from their last checkpoint. */
    public List<UUID> recover(String node, Instant staleBefore, boolean includeOwn) {
        return TenantContext.asPlatform(() -> repository.requeueOrphans(node, staleBefore, includeOwn));
    }

    public TrainingJob job(UUID id) {
        return repository.job(id).orElseThrow();
    }

    /** Stores a batch of step metrics and the run's progress; answers whether a cancel was asked for. */
    public boolean progressed(UUID id, List<RunMetric> metrics, int step, long tokens) {
        // Locked: the update writes the whole row, and an unlocked read would overwrite a cancel committed meanwhile.
        TrainingJob j = repository.jobForUpdate(id).orElseThrow();
        for (RunMetric m : metrics) {
            repository.addMetric(id, j.getTenantId(), m);
        }
        if (step > j.getStep() || j.getStatus() == JobStatus.RUNNING) {
            j.progressed(step, tokens);
        }
        return j.isCancelRequested();
    }

    public void checkpointed(UUID id, int step, String directory, double loss, Double validationLoss) {
        if (!repository.hasCheckpoint(id, step)) {
            repository.add(new RunCheckpoint(id, step, directory, loss, validationLoss));
        }
    }

    /** Ends the job unless it already ended; answers whether this call ended it. */
    public boolean finish(
            UUID id,
            JobStatus status,
            Double finalLoss,
            Double validationLoss,
            String reason,
            String evaluation,
            String adapterSha256) {
        TrainingJob j = repository.jobForUpdate(id).orElseThrow();
        if (j.getStatus() != JobStatus.RUNNING) {
            return false;
        }
        j.finished(status, finite(finalLoss), finite(validationLoss), reason);
        if (evaluation != null || adapterSha256 != null) {
            j.evaluated(evaluation, adapterSha256);
        }
        events.publish(
                new TrainingRunFinished(j.getTenantId(), id, status.name(), finite(finalLoss), j.getAdapterSha256()));
        return true;
    }

    private static Double finite(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }

    public void heartbeat(List<UUID> ids, String node) {
        TenantContext.asPlatform(() -> {
            repository.heartbeat(ids, node);
            return null;
        });
    }

    public io.tributary.persistence.factory.RegisteredBase base(UUID id) {
        return repository.base(id).orElseThrow();
    }
}
