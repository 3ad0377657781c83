package io.tributary.application.attribution;

import io.tributary.application.Actor;
import io.tributary.application.NotFound;
import io.tributary.application.factory.TrainedRuns;
import io.tributary.application.factory.TrainedRuns.PublishedVersion;
import io.tributary.training.attribution.GradientIndex;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

/** Whether a published version's answers can be attributed yet: its index, how many records, by which method. */
@Stateless
public class AttributionStatus {

    /** A version's attribution state; {@code records} is 0 until its index is built. */
    public record IndexStatus(UUID modelVersionId, boolean indexed, long records, String method) {}

    @Inject
    TrainedRuns runs;

    /** For the version's own organization (the index reveals how many records it was trained on). */
    public IndexStatus of(Actor actor, UUID modelVersionId) {
        java.util.UUID tenant = actor.requireTenant();
        PublishedVersion version = runs.version(modelVersionId)
                .filter(v -> v.tenantId().equals(tenant))
                .orElseThrow(() -> new NotFound("No model version " + modelVersionId + "."));
        Path run = io.tributary.application.factory.FactoryStorage.run(version.runId());
        String method = GradientIndex.Method.defaultMethod().methodName();
        if (!AttributionIndexes.exists(run)) return new IndexStatus(modelVersionId, false, 0, method);
        try (Stream<String> lines =
                Files.lines(AttributionIndexes.directory(run).resolve("records.jsonl"))) {
            return new IndexStatus(
                    modelVersionId, true, lines.filter(l -> !l.isBlank()).count(), method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
