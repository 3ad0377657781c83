package io.tributary.application.factory;

import io.tributary.persistence.factory.FactoryRepository;
import io.tributary.persistence.factory.RegisteredBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where serving finds what the factory stored: the base models' folders and the run behind a published version (its
 * adapter is under {@link FactoryStorage#adapter}). Reads every organization's versions: serving hosts them all.
 */
@ApplicationScoped
public class ModelFiles {

    /** A registered base model and its folder. */
    public record StoredBase(
            UUID id,
            String name,
            String sha256,
            Path directory,
            String licence,
            int contextLength,
            UUID ownerTenantId,
            Instant registeredAt) {

        /** Whether the organization may use it: shared bases are everyone's, imported ones their importer's. */
        public boolean isOpenTo(UUID tenantId) {
            return ownerTenantId == null || ownerTenantId.equals(tenantId);
        }
    }

    @Inject
    FactoryRepository repository;

    public List<StoredBase> bases() {
        return repository.bases().stream().map(ModelFiles::of).toList();
    }

    /**
     * The registered base a run trained on: its own folder (tokenizer, config, generation_config.json), never another
     * registration of the same weights, which may be another organization's import with other files.
     */
    public Optional<StoredBase> baseOfRun(UUID runId) {
        return repository.baseOfRun(runId).flatMap(repository::base).map(ModelFiles::of);
    }

    /** The run whose adapter a published version applies. */
    public Optional<UUID> runOf(UUID versionId) {
        return repository.runOfVersion(versionId);
    }

    /** The folder of a completed run's adapter (PEFT files). */
    public Path adapter(UUID runId) {
        return FactoryStorage.adapter(runId);
    }

    private static StoredBase of(RegisteredBase b) {
        return new StoredBase(
                b.getId(),
                b.getName(),
                b.getSha256(),
                Path.of(b.getDirectory()),
                b.getLicence(),
                b.getContextLength(),
                b.getOwnerTenantId(),
                b.getRegisteredAt());
    }
}
