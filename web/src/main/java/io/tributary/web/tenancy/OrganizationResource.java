package io.tributary.web.tenancy;

import io.tributary.application.tenancy.BrandingView;
import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantView;
import io.tributary.persistence.tenancy.Role;
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

    @Inject
    TenantService tenants;

    @Inject
    CurrentActor actor;

    @GET
    @Path("me")
    public WhoAmI me() {
        var a = actor.get();
        TenantView tenant =
                a.tenantId() == null ? null : tenants.view(a.tenantId()).orElse(null);
        return new WhoAmI(
                a.name(),
                a.tenantId(),
                tenant == null ? null : tenant.alias(),
                tenant == null ? null : tenant.name(),
                a.roles().stream().map(Role::key).toList());
    }

    @GET
    @Path("branding")
    public BrandingView branding() {
        return tenants.branding(actor.get());
    }

    @PUT
    @Path("branding")
    public BrandingView rebrand(BrandingView request) {
        BrandingView r = request == null ? new BrandingView(null, null, null, null) : request;
        return tenants.rebrand(actor.get(), r.displayName(), r.logo(), r.primaryColour(), r.mode());
    }
}
