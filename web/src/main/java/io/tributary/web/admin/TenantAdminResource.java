package io.tributary.web.admin;

import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantSummary;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.tenancy.MemberResource;
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
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants, for platform staff. */
@Path("admin/tenants")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantAdminResource {

    /** A tenant with its usage (counts only in the list, where they are computed). */
    public record TenantView(
            UUID id, String alias, String name, String status, Long members, Long activeApiKeys, Instant createdAt) {
        static TenantView of(TenantSummary s) {
            Tenant t = s.tenant();
            return new TenantView(
                    t.getId(),
                    t.getAlias(),
                    t.getName(),
                    t.getStatus().name(),
                    s.members(),
                    s.activeApiKeys(),
                    t.getCreatedAt());
        }

        static TenantView of(Tenant t) {
            return new TenantView(
                    t.getId(), t.getAlias(), t.getName(), t.getStatus().name(), null, null, t.getCreatedAt());
        }
    }

    /** A tenant to register. */
    public record RegisterRequest(String alias, String name) {}

    /** Why a tenant is suspended. */
    public record SuspendRequest(String reason) {}

    @Inject
    TenantService tenants;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "All tenants with usage counts (platform-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response list(@BeanParam PageParameters page) {
        return page.respond(tenants.overview(actor.get(), page.request()).map(TenantView::of));
    }

    @POST
    @Operation(summary = "Register a tenant and its Keycloak organization (platform-admin)")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response register(RegisterRequest request) {
        RegisterRequest r = request == null ? new RegisterRequest(null, null) : request;
        return Response.status(Response.Status.CREATED)
                .entity(TenantView.of(tenants.register(actor.get(), r.alias(), r.name())))
                .build();
    }

    @GET
    @Path("{id}/members")
    @Operation(summary = "A tenant's members (platform-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public Response members(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        return page.respond(tenants.members(actor.get(), id, page.request()).map(MemberResource.MemberView::of));
    }

    @POST
    @Path("{id}/suspension")
    @Operation(
            summary = "Suspend a tenant (platform-admin)",
            description = "Suspend a tenant (platform-admin); its users and keys are refused.")
    @APIResponse(responseCode = "200", description = "Suspended")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public TenantView suspend(@PathParam("id") UUID id, SuspendRequest request) {
        return TenantView.of(tenants.suspend(actor.get(), id, request == null ? null : request.reason()));
    }

    @POST
    @Path("{id}/reactivation")
    @Operation(summary = "Reactivate a tenant (platform-admin)")
    @APIResponse(responseCode = "200", description = "Reactivated")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public TenantView reactivate(@PathParam("id") UUID id) {
        return TenantView.of(tenants.reactivate(actor.get(), id));
    }
}
