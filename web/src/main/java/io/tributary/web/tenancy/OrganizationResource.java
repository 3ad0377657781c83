package io.tributary.web.tenancy;

import io.tributary.application.NotFound;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own organization: who they are there, and its branding. */
@Path("organization")
@Tag(name = "tenancy")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    /** The caller as the platform sees them. */
    public record WhoAmI(String name, UUID tenantId, String tenantAlias, String tenantName, List<String> roles) {}

    /** A tenant's look. */
    public record BrandingView(String displayName, String logo, String primaryColour, String mode) {
        static BrandingView of(Tenant tenant) {
            var b = tenant.getBranding();
            return new BrandingView(
                    b.getDisplayName(),
                    b.getLogo(),
                    b.getPrimaryColour(),
                    b.getMode().name().toLowerCase());
        }
    }

    @Inject
    TenantService tenants;

    @Inject
    CurrentActor actor;

    @GET
    @Path("me")
    @Operation(summary = "The caller, their organization and roles")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.PROBLEM)
    public WhoAmI me() {
        var a = actor.get();
        Tenant tenant = a.tenantId() == null ? null : tenants.find(a.tenantId()).orElse(null);
        return new WhoAmI(
                a.name(),
                a.tenantId(),
                tenant == null ? null : tenant.getAlias(),
                tenant == null ? null : tenant.getName(),
                a.roles().stream().map(Role::key).toList());
    }

    @GET
    @Path("branding")
    @Operation(summary = "The organization's branding")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public BrandingView branding() {
        return BrandingView.of(
                tenants.find(actor.get().requireTenant()).orElseThrow(() -> new NotFound("No such organization.")));
    }

    @PUT
    @Path("branding")
    @Operation(summary = "Change the branding (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public BrandingView rebrand(BrandingView request) {
        BrandingView r = request == null ? new BrandingView(null, null, null, null) : request;
        return BrandingView.of(tenants.rebrand(actor.get(), r.displayName(), r.logo(), r.primaryColour(), r.mode()));
    }
}
