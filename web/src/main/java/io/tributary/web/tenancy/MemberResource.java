package io.tributary.web.tenancy;

import io.tributary.application.tenancy.Invited;
import io.tributary.application.tenancy.MemberView;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The members of the caller's organization. */
@Path("members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    /** How the member wants to appear outside their organization. */
    public record PublicNameRequest(String publicName) {}

    /** Who to invite, with which roles. */
    public record InviteRequest(String email, String displayName, List<String> roles) {}

    /** The roles a member should hold from now on. */
    public record RolesRequest(List<String> roles) {}

    @Inject
    MembershipService membership;

    @Inject
    CurrentActor actor;

    @GET
    public Response list(@BeanParam PageParameters page) {
        return page.respond(membership.directory(actor.get(), page.request()).map(MemberView::of));
    }

    @GET
    @Path("{id}")
    public MemberView get(@PathParam("id") UUID id) {
        return MemberView.of(membership.card(actor.get(), id));
    }

    /** The caller themselves (a member's sign-in or token, not an organization key). */
    @GET
    @Path("me")
    public MemberView me() {
        return membership.self(actor.get());
    }

    /** Chooses the name other organizations see (leaderboards, review queues, release exports). */
    @PUT
    @Path("me")
    public MemberView choosePublicName(PublicNameRequest request) {
        return membership.choosePublicName(actor.get(), request == null ? null : request.publicName());
    }

    @POST
    public Response invite(InviteRequest request) {
        InviteRequest body = request == null ? new InviteRequest(null, null, null) : request;
        Invited invited = membership.invite(actor.get(), body.email(), body.displayName(), body.roles());
        return Response.status(Response.Status.CREATED).entity(invited).build();
    }

    @PUT
    @Path("{id}/roles")
    public MemberView changeRoles(@PathParam("id") UUID id, RolesRequest request) {
        return membership.changeRoles(actor.get(), id, request == null ? null : request.roles());
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") UUID id) {
        membership.remove(actor.get(), id);
        return Response.noContent().build();
    }
}
