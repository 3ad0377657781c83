package io.tributary.application.demo;

import io.tributary.application.Actor;
import io.tributary.application.Settings;
import io.tributary.application.events.EventObserver;
import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryStorage;
import io.tributary.application.factory.FactoryViews.BaseView;
import io.tributary.application.factory.FactoryViews.ReleaseOption;
import io.tributary.application.factory.FactoryViews.RunView;
import io.tributary.application.factory.Preset;
import io.tributary.application.factory.ReleaseData;
import io.tributary.application.factory.RunDraft;
import io.tributary.application.factory.RunSettings;
import io.tributary.application.factory.TrainingRunFinished;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.tenancy.Member;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo's Model Factory: Mia (Acme's model builder) fine-tunes the shipped base on the demo DataNet's release v1
 * and publishes it as "Clinical assistant" v1. Trained by the factory itself at the first start; the result is kept
 * under {@link Settings#FACTORY_CACHE_DIR}, keyed by the run's inputs, and restored at later starts.
 */
@Singleton
@Startup
@DependsOn({"DemoData", "BaseRegistry", "TrainingWorker"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoFactory implements EventObserver<TrainingRunFinished> {

    static final String RUN_NAME = "Clinical Q&A assistant (demo)";
    static final String MODEL_NAME = "Clinical assistant";
    private static final Logger LOG = Logger.getLogger(DemoFactory.class.getName());

    @Inject
    FactoryService factory;

    @Inject
    TenantService tenants;

    @Inject
    MembershipService membership;

    private volatile UUID training;
    private volatile Path cacheEntry;
    private volatile Actor mia;

    @PostConstruct
    void seed() {
        if (!Settings.DEMO.enabled()) return;
        try {
            Optional<Actor> builder = mia();
            if (builder.isEmpty()) return;
            mia = builder.get();
            TenantContext.as(mia.tenantId(), () -> {
                if (!factory.runs(mia, PageRequest.FIRST).items().isEmpty()) return null;
                Optional<RunDraft> draft = draft(mia);
                if (draft.isEmpty()) return null;
                Path entry = cache().resolve(key(mia, draft.get()));
                if (Files.isRegularFile(entry.resolve("result.json"))) {
                    RunView run = factory.restore(mia, draft.get(), entry);
                    factory.publish(mia, run.id(), MODEL_NAME, new BigDecimal("0.5"));
                    LOG.info("Demo: restored the trained demo run and published " + MODEL_NAME + " v1 from " + entry);
                } else {
                    cacheEntry = entry;
                    training = factory.create(mia, draft.get()).id();
                    LOG.info("Demo: training the demo run " + training + " (saved to " + entry + " when done)");
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Demo: could not seed the Model Factory", e);
        }
    }

    /** When the demo run has trained: keep its result for later starts and publish it. */
    @Override
    public void observe(TrainingRunFinished event) {
        if (training == null || !training.equals(event.runId())) return;
        training = null;
        try {
            TenantContext.as(mia.tenantId(), () -> {
                if ("COMPLETED".equals(event.status())) {
                    try {
                        Files.createDirectories(cacheEntry.getParent());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (!Files.exists(cacheEntry)) factory.save(mia, event.runId(), cacheEntry);
                    factory.publish(mia, event.runId(), MODEL_NAME, new BigDecimal("0.5"));
                    LOG.info("Demo: published " + MODEL_NAME + " v1");
                } else {
                    LOG.warning("Demo: the demo run ended " + event.status());
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Demo: could not keep or publish the demo model", e);
        }
    }

    private Optional<Actor> mia() {
        return tenants.findByAlias("acme").map(acme -> {
            Member m = TenantContext.as(
                    acme.getId(), () -> membership.provision("mia@acme.test", "Mia Builder", java.util.Set.of()));
            return new Actor(acme.getId(), m.getId(), m.getEmail(), m.getRoles());
        });
    }

    private Optional<RunDraft> draft(Actor actor) {
        List<BaseView> bases = factory.bases(actor);
        Optional<ReleaseOption> clinical = factory.releaseOptions(actor).stream()
                .filter(o -> o.dataNetName().equals("Clinical Q&A") && o.version() == 1)
                .findFirst();
        if (bases.isEmpty() || clinical.isEmpty()) return Optional.empty();
        RunSettings quick = Preset.QUICK.settings();
        RunSettings settings = new RunSettings(
                quick.rank(),
                quick.alpha(),
                quick.dropout(),
                quick.targetModules(),
                quick.learningRate(),
                quick.warmupSteps(),
                quick.epochs(),
                60,
                2,
                1,
                128,
                0.34,
                42,
                0,
                0,
                20);
        return Optional.of(new RunDraft(
                RUN_NAME,
                bases.get(0).id(),
                List.of(new ReleaseData.Wanted(clinical.get().dataNetId(), 1)),
                "INSTRUCTION",
                "QUICK",
                settings,
                true));
    }

    private String key(Actor actor, RunDraft draft) {
        BaseView base = factory.bases(actor).stream()
                .filter(b -> b.id().equals(draft.baseModelId()))
                .findFirst()
                .orElseThrow();
        // The demo release's records are always the same text (its record ids and root change with each fresh
        // database), so the key names the text itself.
        String records = factory.releaseOptions(actor).stream()
                .filter(o -> o.dataNetId().equals(draft.releases().get(0).dataNetId()))
                .map(o -> o.dataNetName() + "@" + o.version() + ":" + o.records())
                .findFirst()
                .orElse("");
        String inputs = base.sha256() + "|" + records + "|" + DemoDataNets.CLINICAL + "|" + draft.objective() + "|"
                + draft.settings().toJson();
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(inputs.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path cache() {
        String configured = Settings.FACTORY_CACHE_DIR.value();
        return configured.isBlank() ? FactoryStorage.root().resolve("cache") : Path.of(configured);
    }
}
