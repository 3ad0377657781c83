package io.tributary.web.admin;

import io.tributary.application.tenancy.SsoService;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.tenancy.DomainClaimResource.DomainClaimView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pending domain claims of every tenant, decided by platform staff after checking ownership themselves. */
@Path("admin/domain-claims")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainClaimAdminResource {

    @Inject
    SsoService sso;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "Pending domain claims of every organization (platform staff)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public List<DomainClaimView> pending() {
        return sso.pendingClaims(actor.get()).stream().map(DomainClaimView::of).toList();
    }

    @POST
    @Path("{id}/approval")
    @Operation(summary = "Approve a claim after checking ownership another way (platform staff)")
    @APIResponse(responseCode = "200", description = "Verified")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public DomainClaimView approve(@PathParam("id") UUID id) {
        return DomainClaimView.of(sso.approve(actor.get(), id));
    }

    @POST
    @Path("{id}/rejection")
    @Operation(
            summary = "Reject a claim",
            description = "Reject a claim; the domain is free again and the tenant's provider for it is "
                    + "removed (platform staff).")
    @APIResponse(responseCode = "200", description = "Rejected")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public DomainClaimView reject(@PathParam("id") UUID id) {
        return DomainClaimView.of(sso.reject(actor.get(), id));
    }
}
