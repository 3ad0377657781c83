package io.tributary.application.attribution;

import io.tributary.application.events.EventObserver;
import io.tributary.application.factory.TrainedRuns;
import io.tributary.application.factory.TrainedRuns.TrainedRun;
import io.tributary.application.factory.TrainingRunFinished;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Builds a completed run's attribution indexes (record gradients, preconditioner, the records' text for verbatim spans)
 * when the outbox delivers its {@link TrainingRunFinished}, so that its published versions can be attributed from
 * their first inference. Idempotent: an index already on disk is kept. Cancelled and failed runs have no adapter.
 */
@Stateless
public class TrainingIndexer implements EventObserver<TrainingRunFinished> {

    @Inject
    TrainedRuns runs;

    @Inject
    AttributionIndexes indexes;

    @Override
    public void observe(TrainingRunFinished finished) {
        if (!"COMPLETED".equals(finished.status())) return;
        Optional<TrainedRun> run = runs.completed(finished.runId());
        if (run.isEmpty() || AttributionIndexes.exists(run.get().runDirectory())) return;
        indexes.build(run.get());
    }
}
