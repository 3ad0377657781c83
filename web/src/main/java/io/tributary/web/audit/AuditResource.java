package io.tributary.web.audit;

import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.audit.AuditEntry;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads the audit log; org admins see their tenant's, staff (under /api/admin) everyone's. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** One audit entry. */
    public record AuditView(
            long id,
            UUID tenantId,
            String actor,
            String action,
            String target,
            String outcome,
            String detail,
            Instant at) {
        static AuditView of(AuditEntry e) {
            return new AuditView(
                    e.getId(),
                    e.getTenantId(),
                    e.getActor(),
                    e.getAction(),
                    e.getTarget(),
                    e.getOutcome().name(),
                    e.getDetail(),
                    e.getAt());
        }
    }

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @GET
    @Path("audit")
    public List<AuditView> tenantLog(@QueryParam("max") @DefaultValue("100") int max) {
        actor.get().requireTenant();
        return audit.latest(actor.get(), max).stream().map(AuditView::of).toList();
    }

    @GET
    @Path("admin/audit")
    public List<AuditView> platformLog(@QueryParam("max") @DefaultValue("100") int max) {
        return audit.latest(actor.get(), max).stream().map(AuditView::of).toList();
    }
}
