package io.tributary.application.serving;

import io.tributary.application.events.EventObserver;
import io.tributary.application.factory.ModelFiles;
import io.tributary.application.factory.ModelPublished;
import io.tributary.persistence.serving.ServedModel;
import io.tributary.persistence.serving.ServedVersion;
import io.tributary.persistence.serving.ServingRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Hosts what the factory publishes: records the version and points the model's name at it when it is newer than the
 * one served (a hot swap: running requests finish on their version). Idempotent, as an observer must be.
 */
@Stateless
public class HostedModels implements EventObserver<ModelPublished> {

    @Inject
    ServingRepository repository;

    @Inject
    ModelFiles files;

    @Override
    public void observe(ModelPublished published) {
        if (repository.version(published.versionId()).isPresent()) return;
        var run = files.runOf(published.versionId())
                .orElseThrow(() -> new IllegalStateException("No model version " + published.versionId()));
        String name = freeName(published);
        repository.add(new ServedVersion(
                published.versionId(),
                published.tenantId(),
                name,
                published.version(),
                run,
                published.baseSha256(),
                published.pricePer1kTokens(),
                Instant.now(),
                published.retrievalTopK()));
        Optional<ServedModel> model = repository.model(published.tenantId(), name);
        if (model.isEmpty()) {
            repository.add(new ServedModel(
                    published.tenantId(), name, published.name(), published.versionId(), "factory publication"));
        } else {
            int current = repository
                    .version(model.get().getVersionId())
                    .map(ServedVersion::getVersion)
                    .orElse(0);
            if (published.version() > current) {
                model.get().moveTo(published.versionId(), "factory publication");
            }
        }
    }

    /**
     * The served name of the published name: its slug, or when another published name of the organization already
     * has that slug ("Clinical assistant" and "clinical-assistant"), the slug with the first free number appended.
     */
    private String freeName(ModelPublished published) {
        String slug = ModelName.slug(published.name());
        for (int i = 1; ; i++) {
            String candidate = i == 1 ? slug : slug + "-" + i;
            Optional<ServedModel> taken = repository.model(published.tenantId(), candidate);
            if (taken.isEmpty() || taken.get().getDisplayName().equals(published.name())) {
                return candidate;
            }
        }
    }
}
