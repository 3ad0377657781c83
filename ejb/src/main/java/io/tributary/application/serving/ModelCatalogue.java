package io.tributary.application.serving;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.factory.ModelFiles;
import io.tributary.application.factory.ModelFiles.StoredBase;
import io.tributary.application.serving.ServingViews.ModelView;
import io.tributary.application.serving.ServingViews.ServedModelView;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.serving.ServedModel;
import io.tributary.persistence.serving.ServedVersion;
import io.tributary.persistence.serving.ServingRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The models a caller may use: its organization's published models, other organizations' public ones, and the base
 * models open to it. Resolves {@code <organization>/<model>} (the version its name points at),
 * {@code <organization>/<model>@<version>} and base names; anything else, or another organization's private model,
 * is not found. Owners make a model public or private and move its name to another version (a hot swap).
 */
@Stateless
public class ModelCatalogue {

    /** Who owns the shared base models in listings. */
    public static final String PLATFORM_OWNER = "tributary";

    @Inject
    ServingRepository repository;

    @Inject
    ModelFiles files;

    @Inject
    TenantService tenants;

    @Inject
    ServingRuntime runtime;

    @Inject
    AuditLog audit;

    /** Everything the caller may pass as {@code model}: its own and public published models, then the bases. */
    public List<ModelView> models(Actor actor) {
        UUID tenant = actor.requireTenant();
        Set<String> resident = residentAdapters();
        Map<UUID, String> aliases = new HashMap<>();
        List<ModelView> views = new ArrayList<>();
        for (ServedModel m : repository.visibleTo(tenant)) {
            ServedVersion v = repository.version(m.getVersionId()).orElseThrow();
            String alias = aliases.computeIfAbsent(m.getTenantId(), this::alias);
            views.add(view(alias + "/" + m.getName(), m, v, resident));
        }
        for (StoredBase base : files.bases()) {
            if (base.isOpenTo(tenant)) views.add(baseView(base));
        }
        return views;
    }

    /** One model by id, as listed; 404 unless the caller may use it. */
    public ModelView model(Actor actor, String id) {
        ResolvedModel resolved = resolve(actor, id);
        if (resolved.isBase()) return baseView(resolved.base());
        ServedVersion v = repository.version(resolved.versionId()).orElseThrow();
        ServedModel m = repository.model(v.getTenantId(), v.getName()).orElseThrow();
        return view(resolved.id(), m, v, residentAdapters());
    }

    /** What answers {@code id} for this caller; 404 ({@code model_not_found}) unless the caller may use it. */
    public ResolvedModel resolve(Actor actor, String id) {
        UUID tenant = actor.requireTenant();
        return find(id, tenant).orElseThrow(() -> InferenceRefused.modelNotFound(id));
    }

    private Optional<ResolvedModel> find(String id, UUID caller) {
        Optional<ModelName> parsed = ModelName.parse(id);
        if (parsed.isEmpty()) return Optional.empty();
        ModelName name = parsed.get();
        if (name.isBase()) {
            return files.bases().stream()
                    .filter(b -> caller == null || b.isOpenTo(caller))
                    .filter(b -> ModelName.slug(b.name()).equals(name.name()))
                    .findFirst()
                    .map(b -> new ResolvedModel(name.id(), null, null, null, b, BigDecimal.ZERO));
        }
        Optional<Tenant> owner = tenants.findByAlias(name.organization());
        if (owner.isEmpty()) return Optional.empty();
        Optional<ServedModel> model = repository.model(owner.get().getId(), name.name());
        if (model.isEmpty()) return Optional.empty();
        if (caller != null && !model.get().isPublic() && !owner.get().getId().equals(caller)) {
            return Optional.empty();
        }
        Optional<ServedVersion> version = name.version() == null
                ? repository.version(model.get().getVersionId())
                : repository.version(owner.get().getId(), name.name(), name.version());
        return version.flatMap(v -> files.baseOfRun(v.getRunId())
                .map(base -> new ResolvedModel(
                        name.id(),
                        v.getTenantId(),
                        v.getVersionId(),
                        v.getRunId(),
                        base,
                        v.getPricePer1kTokens(),
                        v.getRetrievalTopK())));
    }

    /** The organization's model names, for their owners. */
    public List<ServedModelView> mine(Actor actor) {
        UUID tenant = demandOwner(actor, "serving.model.list", "serving");
        String alias = alias(tenant);
        return repository.ownedBy(tenant).stream()
                .map(m -> servedView(alias, m))
                .toList();
    }

    /** Makes one of the organization's models public (every organization may call it) or private again. */
    public ServedModelView share(Actor actor, String name, boolean isPublic) {
        UUID tenant = demandOwner(actor, "serving.model.share", name);
        ServedModel model = own(tenant, name);
        model.share(isPublic, actor.name());
        audit.changed(actor, tenant, "serving.model.share", name, isPublic ? "public" : "private");
        return servedView(alias(tenant), model);
    }

    /**
     * Points the model's name at another of its versions: requests from now on use it, running ones finish on the
     * version they started with.
     */
    public ServedModelView moveTo(Actor actor, String name, int version) {
        UUID tenant = demandOwner(actor, "serving.model.move", name);
        ServedModel model = own(tenant, name);
        ServedVersion target = repository
                .version(tenant, model.getName(), version)
                .orElseThrow(() -> new io.tributary.application.InvalidInput(
                        "version", "The model " + name + " has no version " + version + "."));
        model.moveTo(target.getVersionId(), actor.name());
        audit.changed(actor, tenant, "serving.model.move", name, "now version " + version);
        return servedView(alias(tenant), model);
    }

    /**
     * What answers {@code id} for someone managing the adapters: staff for every model, the owning organization's
     * admins and model builders for theirs.
     */
    public ResolvedModel managed(Actor actor, String id) {
        if (actor.isPlatformAdmin() && actor.tenantId() == null) {
            return find(id, null).orElseThrow(() -> new NotFound("No model " + id + "."));
        }
        UUID tenant = demandOwner(actor, "serving.adapter.manage", id);
        ResolvedModel model = find(id, tenant).orElseThrow(() -> new NotFound("No model " + id + "."));
        if (!tenant.equals(model.ownerTenantId())) {
            throw new NotFound("No model " + id + " in your organization.");
        }
        return model;
    }

    private UUID demandOwner(Actor actor, String action, String target) {
        UUID tenant = actor.requireTenant();
        if (!actor.has(Role.ORG_ADMIN) && !actor.has(Role.MODEL_BUILDER)) {
            audit.refused(actor, tenant, action, target, Outcome.DENIED, "missing role model-builder or org-admin");
            throw new AccessDenied("This needs the model-builder or org-admin role.");
        }
        return tenant;
    }

    private ServedModel own(UUID tenant, String name) {
        return repository
                .model(tenant, name)
                .orElseThrow(() -> new NotFound("Your organization has no served model named " + name + "."));
    }

    private ServedModelView servedView(String alias, ServedModel m) {
        List<ServedVersion> versions = repository.versions(m.getTenantId(), m.getName());
        int current = versions.stream()
                .filter(v -> v.getVersionId().equals(m.getVersionId()))
                .findFirst()
                .map(ServedVersion::getVersion)
                .orElse(0);
        return new ServedModelView(
                alias + "/" + m.getName(),
                m.getName(),
                m.getDisplayName(),
                current,
                m.getVersionId(),
                m.isPublic(),
                versions.stream().map(ServedVersion::getVersion).toList());
    }

    private ModelView view(String id, ServedModel m, ServedVersion v, Set<String> resident) {
        String root =
                files.baseOfRun(v.getRunId()).map(b -> ModelName.slug(b.name())).orElse(v.getBaseSha256());
        return new ModelView(
                id,
                v.getPublishedAt(),
                id.substring(0, id.indexOf('/')),
                root,
                m.getDisplayName(),
                v.getVersion(),
                v.getVersionId(),
                m.isPublic(),
                v.getPricePer1kTokens(),
                resident.contains(v.getRunId().toString()) ? "resident" : "cold");
    }

    private ModelView baseView(StoredBase base) {
        String id = ModelName.slug(base.name());
        return new ModelView(
                id, base.registeredAt(), PLATFORM_OWNER, id, base.name(), null, null, true, BigDecimal.ZERO, "base");
    }

    private String alias(UUID tenantId) {
        return tenants.find(tenantId).map(Tenant::getAlias).orElse(tenantId.toString());
    }

    private Set<String> residentAdapters() {
        Set<String> ids = new HashSet<>();
        runtime.engines().forEach(e -> e.cache().resident().forEach(r -> ids.add(r.id())));
        return ids;
    }
}
