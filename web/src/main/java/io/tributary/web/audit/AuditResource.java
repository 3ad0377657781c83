package io.tributary.web.audit;

import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.audit.AuditEntry;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reads the audit log; org admins see their tenant's, staff (under /api/admin) everyone's. */
@Path("")
@Tag(name = "audit")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
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
    @Operation(summary = "The organization's audit log, newest first (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response tenantLog(@BeanParam PageParameters page) {
        actor.get().requireTenant();
        return page.respond(audit.latest(actor.get(), page.request()).map(AuditView::of));
    }

    @GET
    @Path("admin/audit")
    @Operation(summary = "The whole platform's audit log (platform-admin bearer token)")
    @SecurityRequirement(name = TributaryApi.OIDC)
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response platformLog(@BeanParam PageParameters page) {
        return page.respond(audit.latest(actor.get(), page.request()).map(AuditView::of));
    }
}
