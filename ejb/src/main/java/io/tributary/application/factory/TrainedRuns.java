package io.tributary.application.factory;

import io.tributary.application.Actor;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.factory.FactoryRepository;
import io.tributary.persistence.factory.JobStatus;
import io.tributary.persistence.factory.ModelVersion;
import io.tributary.persistence.factory.RegisteredBase;
import io.tributary.persistence.factory.TrainingJob;
import io.tributary.persistence.tenancy.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What attribution needs of completed runs and published versions, for its background workers (no actor: they serve
 * every organization): the base, the adapter, the records trained on, and who owns the model.
 */
@Stateless
// A transaction of its own: Hibernate fixes a session's tenant when it opens, and the caller's is its event's tenant.
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TrainedRuns {

    /** A completed run: where its base and adapter are, how it read its records, and those records. */
    public record TrainedRun(
            UUID runId,
            UUID tenantId,
            UUID ownerMemberId,
            Path baseDirectory,
            String baseLicence,
            Path runDirectory,
            Path adapterDirectory,
            boolean instruction,
            int maxLength,
            List<TrainingText> texts) {}

    /** A published version as receipts describe it ({@code retrievalTopK}: null when it answers without retrieval). */
    public record PublishedVersion(
            UUID id,
            UUID tenantId,
            UUID runId,
            UUID ownerMemberId,
            String name,
            int version,
            String baseSha256,
            String adapterSha256,
            List<ReleaseRef> releases,
            BigDecimal pricePer1kTokens,
            Integer retrievalTopK) {}

    @Inject
    FactoryRepository repository;

    @Inject
    ReleaseData releaseData;

    /** The run, once completed, with its records read as its creator reads them (as the training did). */
    public Optional<TrainedRun> completed(UUID runId) {
        return TenantContext.asPlatform(() -> read(runId));
    }

    private Optional<TrainedRun> read(UUID runId) {
        Optional<TrainingJob> found = repository.job(runId);
        if (found.isEmpty() || found.get().getStatus() != JobStatus.COMPLETED) return Optional.empty();
        TrainingJob job = found.get();
        RegisteredBase base = repository.base(job.getBaseModelId()).orElseThrow();
        RunSettings settings = RunSettings.fromJson(job.getSettings());
        Actor owner =
                new Actor(job.getTenantId(), job.getCreatedByMember(), job.getCreatedBy(), Set.of(Role.MODEL_BUILDER));
        List<TrainingText> texts = releaseData.texts(owner, ReleaseRef.fromJson(job.getReleases()), job.getObjective());
        return Optional.of(new TrainedRun(
                job.getId(),
                job.getTenantId(),
                job.getCreatedByMember(),
                Path.of(base.getDirectory()),
                base.getLicence(),
                FactoryStorage.run(job.getId()),
                FactoryStorage.adapter(job.getId()),
                job.getObjective() == io.tributary.persistence.factory.Objective.INSTRUCTION,
                settings.maxLength(),
                texts));
    }

    /** A published version of any organization, or empty. */
    public Optional<PublishedVersion> version(UUID versionId) {
        return TenantContext.asPlatform(() -> repository.version(versionId).map(v -> {
            UUID owner = repository
                    .job(v.getRunId())
                    .map(TrainingJob::getCreatedByMember)
                    .orElse(null);
            return of(v, owner);
        }));
    }

    /** Every organization's published versions trained on a release of this DataNet, newest first. */
    public List<PublishedVersion> trainedOn(UUID dataNetId) {
        return TenantContext.asPlatform(() -> repository.versionsTrainedOn(dataNetId).stream()
                .map(v -> of(
                        v,
                        repository
                                .job(v.getRunId())
                                .map(TrainingJob::getCreatedByMember)
                                .orElse(null)))
                .toList());
    }

    private static PublishedVersion of(ModelVersion v, UUID owner) {
        return new PublishedVersion(
                v.getId(),
                v.getTenantId(),
                v.getRunId(),
                owner,
                v.getName(),
                v.getVersion(),
                v.getBaseSha256(),
                v.getAdapterSha256(),
                ReleaseRef.fromJson(v.getReleases()),
                v.getPricePer1kTokens(),
                v.getRetrievalTopK());
    }
}
