package io.tributary.application.serving;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.audit.AuditLog;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Managing resident adapters on this node: load (pay the cold start now), pin (never evicted), unpin, unload. Staff
 * for every model, a model's owning organization (org admins and model builders) for theirs; each change is audited.
 */
@Stateless
public class AdapterControl {

    /** What to do with a model's adapter. */
    public enum Action {
        LOAD,
        PIN,
        UNPIN,
        UNLOAD
    }

    @Inject
    ModelCatalogue catalogue;

    @Inject
    ServingRuntime runtime;

    @Inject
    AuditLog audit;

    public void apply(Actor actor, String modelId, Action action) {
        ResolvedModel model = catalogue.managed(actor, modelId);
        if (model.isBase()) {
            throw new Conflict("A base model has no adapter to " + action.name().toLowerCase() + ".");
        }
        switch (action) {
            case LOAD -> runtime.load(model.base(), model.runId());
            case PIN -> runtime.pin(model.base(), model.runId());
            case UNPIN -> runtime.unpin(model.base(), model.runId());
            case UNLOAD -> {
                if (!runtime.unload(model.base(), model.runId())) {
                    throw new Conflict("The adapter of " + modelId + " is not resident or a request is using it.");
                }
            }
        }
        audit.changed(
                actor,
                model.ownerTenantId(),
                "serving.adapter." + action.name().toLowerCase(),
                modelId,
                "run " + model.runId());
    }

    /** Staff: every base's engine on this node with its resident adapters, cache counters and cold loads. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<ServingRuntime.EngineView> engines(Actor staff) {
        if (!staff.isPlatformAdmin()) {
            throw new AccessDenied("The serving engines are shown to platform staff.");
        }
        return runtime.engines();
    }
}
