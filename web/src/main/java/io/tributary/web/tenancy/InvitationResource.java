package io.tributary.web.tenancy;

import io.tributary.application.tenancy.InvitationView;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.web.security.CurrentActor;
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

/** The organization's invitations, for org admins: list, send a fresh link, revoke. */
@Path("invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {

    @Inject
    MembershipService membership;

    @Inject
    CurrentActor actor;

    @GET
    public List<InvitationView> list() {
        return membership.invitations(actor.get());
    }

    @POST
    @Path("{id}/resend")
    public InvitationView resend(@PathParam("id") UUID id) {
        return membership.resend(actor.get(), id);
    }

    @POST
    @Path("{id}/revocation")
    public InvitationView revoke(@PathParam("id") UUID id) {
        return membership.revoke(actor.get(), id);
    }
}
