package io.tributary.application.audit;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.audit.AuditEntry;
import io.tributary.persistence.audit.AuditEntryRepository;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.tenancy.Role;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;

/** The audit log: changes are recorded in the caller's transaction, refusals in a transaction of their own. */
@Stateless
public class AuditLog {

    private static final int MAX_DETAIL = 2000;

    @Inject
    AuditEntryRepository entries;

    @Resource
    SessionContext context;

    /** Records a change; joins the caller's transaction so the entry exists exactly when the change does. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void changed(Actor actor, UUID tenantId, String action, String target, String detail) {
        entries.append(new AuditEntry(tenantId, actor.name(), action, target, Outcome.SUCCESS, clip(detail)));
    }

    /** Records a refused or failed attempt; its own transaction survives the caller's rollback. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(Actor actor, UUID tenantId, String action, String target, Outcome outcome, String reason) {
        entries.append(new AuditEntry(tenantId, actor.name(), action, target, outcome, clip(reason)));
    }

    /** Refuses, and logs the refusal, unless the actor holds the role in their tenant. */
    public void demand(Actor actor, Role role, String action, String target) {
        if (!actor.has(role)) {
            // Through the container, so the refusal gets its own transaction and survives the caller's rollback.
            context.getBusinessObject(AuditLog.class)
                    .refused(actor, actor.tenantId(), action, target, Outcome.DENIED, "missing role " + role.key());
            throw new AccessDenied("This needs the " + role.key() + " role.");
        }
    }

    /** The latest entries the actor may see: their tenant's for org admins, everything for platform staff. */
    public Page<AuditView> latest(Actor actor, PageRequest page) {
        return latest(actor, null, null, page);
    }

    /** The latest entries whose actor and action contain the given words (either may be null). */
    public Page<AuditView> latest(Actor actor, String who, String action, PageRequest page) {
        if (actor.isPlatformAdmin() && actor.tenantId() == null) {
            return entries.latest(null, who, action, page).map(AuditView::of);
        }
        if (!actor.has(Role.ORG_ADMIN)) {
            throw new AccessDenied("Only organization admins may read the audit log.");
        }
        return entries.latest(actor.requireTenant(), who, action, page).map(AuditView::of);
    }

    private static String clip(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
