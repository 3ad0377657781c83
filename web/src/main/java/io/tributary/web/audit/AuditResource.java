package io.tributary.web.audit;

import io.tributary.application.audit.AuditLog;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Reads the audit log; org admins see their tenant's, staff (under /api/admin) everyone's. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @GET
    @Path("audit")
    public Response tenantLog(@BeanParam PageParameters page) {
        actor.get().requireTenant();
        return page.respond(audit.latest(actor.get(), page.request()));
    }

    @GET
    @Path("admin/audit")
    public Response platformLog(@BeanParam PageParameters page) {
        return page.respond(audit.latest(actor.get(), page.request()));
    }
}
