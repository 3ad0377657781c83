package io.tributary.application.factory;

import io.tributary.persistence.TenantContext;
import io.tributary.persistence.factory.FactoryRepository;
import io.tributary.persistence.factory.RegisteredBase;
import io.tributary.training.model.BaseModel;
import io.tributary.training.model.BaseModelInfo;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Logger;

/**
 * Registers the shipped base model for every organization at start: copies it from the application into the data
 * directory (once per content), loads it through the model library's {@code BaseModel} facade and records its
 * licence, SHA-256, parameter count and context length.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class BaseRegistry {

    static final String SHIPPED_NAME = "Tributary base (GPT-2, modern English)";
    private static final String RESOURCE = "/io/tributary/application/factory/base-model/";
    private static final List<String> FILES =
            List.of("config.json", "model.safetensors", "tokenizer.json", "generation_config.json", "MODEL_CARD.md");
    private static final Logger LOG = Logger.getLogger(BaseRegistry.class.getName());

    @Inject
    FactoryRepository repository;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void registerShipped() {
        try {
            Path staging = FactoryStorage.bases().resolve("incoming");
            Files.createDirectories(staging);
            for (String file : FILES) {
                try (InputStream in = BaseRegistry.class.getResourceAsStream(RESOURCE + file)) {
                    if (in == null) {
                        LOG.warning("The application holds no shipped base model (" + file + " missing)");
                        return;
                    }
                    Files.copy(in, staging.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            BaseModelInfo info = DjlContext.call(() -> {
                try (BaseModel base = BaseModel.load(staging, "WordNet, PostgreSQL, public domain and PSF licences")) {
                    return base.info();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Path home = FactoryStorage.bases().resolve(info.sha256());
            if (!Files.isDirectory(home)) {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // The application's files are the shipped base: a new release may change its tokenizer or
                // generation_config.json without changing the weights.
                for (String file : FILES) {
                    Files.move(staging.resolve(file), home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            TenantContext.asPlatform(() -> {
                if (repository.baseWithSha256(null, info.sha256()).isEmpty()) {
                    repository.add(new RegisteredBase(
                            null,
                            SHIPPED_NAME,
                            home.toString(),
                            info.architecture(),
                            info.licence(),
                            info.sha256(),
                            info.parameters(),
                            info.contextLength(),
                            info.vocabularySize()));
                }
                return null;
            });
        } catch (IOException | RuntimeException | LinkageError e) {
            // The rest of the platform runs without the factory; the log says why it has no base.
            LOG.log(java.util.logging.Level.SEVERE, "Could not register the shipped base model", e);
        }
    }
}
