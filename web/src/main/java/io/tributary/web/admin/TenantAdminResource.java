package io.tributary.web.admin;

import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantView;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Tenants, for platform staff. */
@Path("admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantAdminResource {

    /** A tenant to register. */
    public record RegisterRequest(String alias, String name) {}

    /** Why a tenant is suspended. */
    public record SuspendRequest(String reason) {}

    @Inject
    TenantService tenants;

    @Inject
    CurrentActor actor;

    @GET
    public Response list(@BeanParam PageParameters page) {
        return page.respond(tenants.overview(actor.get(), page.request()));
    }

    @POST
    public Response register(RegisterRequest request) {
        RegisterRequest r = request == null ? new RegisterRequest(null, null) : request;
        return Response.status(Response.Status.CREATED)
                .entity(tenants.register(actor.get(), r.alias(), r.name()))
                .build();
    }

    @GET
    @Path("{id}/members")
    public Response members(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        return page.respond(tenants.members(actor.get(), id, page.request()));
    }

    @POST
    @Path("{id}/suspension")
    public TenantView suspend(@PathParam("id") UUID id, SuspendRequest request) {
        return tenants.suspend(actor.get(), id, request == null ? null : request.reason());
    }

    @POST
    @Path("{id}/reactivation")
    public TenantView reactivate(@PathParam("id") UUID id) {
        return tenants.reactivate(actor.get(), id);
    }
}
