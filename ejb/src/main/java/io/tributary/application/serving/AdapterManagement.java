package io.tributary.application.serving;

import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InvalidInput;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.serving.ServedVersion;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.training.serving.AdapterCacheSnapshot;
import io.tributary.training.serving.ResidentAdapter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which adapters this node holds for serving, and loading, unloading, pinning and unpinning them: an organization's
 * admins and model builders for its own models, platform staff for every model. Every change is audited.
 */
@Stateless
public class AdapterManagement {

    /** What can be done to a model's adapter. */
    public enum Action {
        LOAD,
        UNLOAD,
        PIN,
        UNPIN
    }

    /**
     * A resident adapter as its manager sees it.
     *
     * @param model the published model version it serves ({@code acme/clinical-qa@1}), or its run id when the
     *     version is unknown
     * @param runId the training run whose adapter it is
     * @param rank its LoRA rank
     * @param bytes the memory it occupies
     * @param pinned pinned explicitly or in use by a request
     * @param hits requests that found it resident
     * @param lastUsedAt when a request last used it
     * @param coldLoadMs how long loading it took (0 when put directly)
     */
    public record ResidentView(
            String model,
            String runId,
            int rank,
            long bytes,
            boolean pinned,
            long hits,
            Instant lastUsedAt,
            double coldLoadMs) {}

    /**
     * One base model's engine on this node.
     *
     * @param base the base model's name
     * @param running sequences being decoded
     * @param loading requests waiting for their adapter to load
     * @param budgetBytes what the resident adapters may occupy
     * @param residentBytes what they occupy now (all organizations')
     * @param residentCount how many adapters are resident (all organizations')
     * @param hits lookups that found the adapter resident
     * @param misses lookups that had to load it
     * @param loads cold loads so far
     * @param evictions adapters evicted to make room
     * @param coldLoadP50Ms median of the recent cold loads
     * @param coldLoadP99Ms 99th percentile of the recent cold loads
     * @param recentColdLoads how many loads the percentiles cover
     * @param adapters the resident adapters the viewer may see (staff: all; an organization: its own)
     */
    public record EngineOverview(
            String base,
            int running,
            int loading,
            long budgetBytes,
            long residentBytes,
            int residentCount,
            long hits,
            long misses,
            long loads,
            long evictions,
            double coldLoadP50Ms,
            double coldLoadP99Ms,
            int recentColdLoads,
            List<ResidentView> adapters) {}

    /** The node's serving state: requests queued or running, and each base's engine. */
    public record Overview(int queueDepth, List<EngineOverview> engines) {}

    /** A model's adapter after a change: whether it is resident and pinned now. */
    public record AdapterState(String model, String runId, boolean resident, boolean pinned) {}

    @Inject
    ServingRuntime runtime;

    @Inject
    ModelCatalogue catalogue;

    @Inject
    TenantService tenants;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    /** What this node serves; adapters of other organizations are counted but not shown to an organization. */
    public Overview overview(Actor actor) {
        UUID viewer = viewer(actor);
        List<EngineOverview> engines = new ArrayList<>();
        for (ServingRuntime.EngineView e : runtime.engines()) {
            AdapterCacheSnapshot c = e.cache();
            Map<String, String> names =
                    names(c.resident().stream().map(ResidentAdapter::id).collect(Collectors.toSet()));
            Map<String, UUID> owners = owners(names.keySet());
            List<ResidentView> adapters = new ArrayList<>();
            for (ResidentAdapter r : c.resident()) {
                if (viewer != null && !viewer.equals(owners.get(r.id()))) {
                    continue;
                }
                adapters.add(new ResidentView(
                        names.getOrDefault(r.id(), r.id()),
                        r.id(),
                        r.rank(),
                        r.bytes(),
                        r.pinned(),
                        r.hits(),
                        r.lastUsedAt(),
                        millis(r.coldLoad())));
            }
            List<Double> cold = c.recentColdLoads().stream()
                    .map(AdapterManagement::millis)
                    .sorted()
                    .toList();
            engines.add(new EngineOverview(
                    e.baseName(),
                    e.active(),
                    e.loadingAdapters(),
                    c.budgetBytes(),
                    c.residentBytes(),
                    c.resident().size(),
                    c.hits(),
                    c.misses(),
                    c.loads(),
                    c.evictions(),
                    percentile(cold, 0.50),
                    percentile(cold, 0.99),
                    cold.size(),
                    adapters));
        }
        return new Overview(runtime.queueDepth(), engines);
    }

    /** Loads, unloads, pins or unpins the adapter of {@code modelId} ({@code org/model} or {@code org/model@3}). */
    public AdapterState apply(Actor actor, String modelId, Action action) {
        if (modelId == null || modelId.isBlank()) {
            throw new InvalidInput("model", "Name the model, as org/model or org/model@version.");
        }
        ResolvedModel model = catalogue.managed(actor, modelId.strip());
        if (model.isBase()) {
            throw new InvalidInput(
                    "model", model.id() + " is a base model: it has no adapter to load, unload, pin or unpin.");
        }
        String verb = action.name().toLowerCase(Locale.ROOT);
        try {
            switch (action) {
                case LOAD -> runtime.load(model.base(), model.runId());
                case PIN -> runtime.pin(model.base(), model.runId());
                case UNPIN -> runtime.unpin(model.base(), model.runId());
                case UNLOAD -> {
                    if (!runtime.unload(model.base(), model.runId()) && resident(model)) {
                        throw new Conflict("The adapter of " + model.id()
                                + " is answering a request now; unload it when the request is done.");
                    }
                }
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            audit.refused(
                    actor,
                    model.ownerTenantId(),
                    "serving.adapter." + verb,
                    model.id(),
                    io.tributary.persistence.audit.Outcome.FAILED,
                    String.valueOf(e.getMessage()));
            throw new Conflict("The adapter of " + model.id() + " cannot be " + past(action) + ": "
                    + (e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage()));
        }
        AdapterState state = state(model);
        audit.changed(
                actor,
                model.ownerTenantId(),
                "serving.adapter." + verb,
                model.id(),
                "run " + model.runId() + (state.resident() ? ", resident" : ", not resident")
                        + (state.pinned() ? ", pinned" : ""));
        return state;
    }

    private AdapterState state(ResolvedModel model) {
        String id = model.runId().toString();
        for (ServingRuntime.EngineView e : runtime.engines()) {
            for (ResidentAdapter r : e.cache().resident()) {
                if (r.id().equals(id)) {
                    return new AdapterState(model.id(), id, true, r.pinned());
                }
            }
        }
        return new AdapterState(model.id(), id, false, false);
    }

    private boolean resident(ResolvedModel model) {
        return state(model).resident();
    }

    /** Staff see every organization's adapters (null); anyone else only their organization's, with a role for it. */
    private UUID viewer(Actor actor) {
        if (actor.isPlatformAdmin() && actor.tenantId() == null) {
            return null;
        }
        UUID tenant = actor.requireTenant();
        if (!actor.has(Role.ORG_ADMIN) && !actor.has(Role.MODEL_BUILDER)) {
            audit.demand(actor, Role.MODEL_BUILDER, "serving.adapter.list", "serving");
        }
        return tenant;
    }

    /** The published versions of these runs as {@code org/model@version}. */
    private Map<String, String> names(Set<String> runIds) {
        Map<String, String> names = new HashMap<>();
        for (ServedVersion v : versions(runIds)) {
            String alias = tenants.find(v.getTenantId()).map(Tenant::getAlias).orElse("?");
            names.put(v.getRunId().toString(), alias + "/" + v.getName() + "@" + v.getVersion());
        }
        return names;
    }

    private Map<String, UUID> owners(Set<String> runIds) {
        Map<String, UUID> owners = new HashMap<>();
        for (ServedVersion v : versions(runIds)) {
            owners.put(v.getRunId().toString(), v.getTenantId());
        }
        return owners;
    }

    private List<ServedVersion> versions(Set<String> runIds) {
        List<UUID> runs = new ArrayList<>();
        for (String id : runIds) {
            try {
                runs.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                // Not a run's adapter (put directly): no published version to name it by.
            }
        }
        if (runs.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select v from ServedVersion v where v.runId in :runs", ServedVersion.class)
                .setParameter("runs", runs)
                .getResultList();
    }

    private static String past(Action action) {
        return switch (action) {
            case LOAD -> "loaded";
            case UNLOAD -> "unloaded";
            case PIN -> "pinned";
            case UNPIN -> "unpinned";
        };
    }

    private static double millis(Duration d) {
        return d == null ? 0 : Math.round(d.toNanos() / 1e4) / 100.0;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
