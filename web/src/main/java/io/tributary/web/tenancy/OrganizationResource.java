package io.tributary.web.tenancy;

import io.tributary.application.NotFound;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
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

/** The caller's own organization: who they are there, and its branding. */
@Path("organization")
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
    public BrandingView branding() {
        return BrandingView.of(
                tenants.find(actor.get().requireTenant()).orElseThrow(() -> new NotFound("No such organization.")));
    }

    @PUT
    @Path("branding")
    public BrandingView rebrand(BrandingView request) {
        BrandingView r = request == null ? new BrandingView(null, null, null, null) : request;
        return BrandingView.of(tenants.rebrand(actor.get(), r.displayName(), r.logo(), r.primaryColour(), r.mode()));
    }
}
