package io.tributary.web.tenancy;

import io.tributary.application.tenancy.MembershipService;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.tenancy.MemberResource.InvitationView;
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

/** The organization's invitations, for org admins: list, send a fresh link, revoke. */
@Path("invitations")
@Tag(name = "tenancy")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {

    @Inject
    MembershipService membership;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(
            summary = "The organization's invitations, newest first, with their state",
            description = "The organization's invitations, newest first, with their state (org-admin).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public List<InvitationView> list() {
        return membership.invitations(actor.get()).stream()
                .map(InvitationView::of)
                .toList();
    }

    @POST
    @Path("{id}/resend")
    @Operation(summary = "Send a fresh link (the old one stops working) (org-admin)")
    @APIResponse(responseCode = "200", description = "Sent")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public InvitationView resend(@PathParam("id") UUID id) {
        return InvitationView.of(membership.resend(actor.get(), id));
    }

    @POST
    @Path("{id}/revocation")
    @Operation(
            summary = "Revoke a pending invitation",
            description = "Revoke a pending invitation; the never-joined member is removed (org-admin).")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public InvitationView revoke(@PathParam("id") UUID id) {
        return InvitationView.of(membership.revoke(actor.get(), id));
    }
}
