package io.tributary.web.tenancy;

import io.tributary.application.tenancy.Invited;
import io.tributary.application.tenancy.MemberCard;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.tenancy.Invitation;
import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The members of the caller's organization. */
@Path("members")
@Tag(name = "tenancy")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    /**
     * A member as the API shows it to this caller: e-mail, invitation state and last sign-in only to org admins and
     * to the member themselves (null, so left out, for everyone else).
     */
    public record MemberView(
            UUID id,
            String email,
            String displayName,
            String publicName,
            List<String> roles,
            Boolean invited,
            Instant lastSignIn) {
        public static MemberView of(MemberCard m) {
            return new MemberView(
                    m.id(),
                    m.email(),
                    m.displayName(),
                    m.publicName(),
                    m.roles().stream().map(Role::key).toList(),
                    m.invited(),
                    m.lastSignIn());
        }

        /** For callers already allowed to see everything (org admins managing members, a member themselves). */
        public static MemberView of(Member m) {
            return new MemberView(
                    m.getId(),
                    m.getEmail(),
                    m.getDisplayName(),
                    m.getPublicName(),
                    m.getRoles().stream().map(Role::key).toList(),
                    m.isInvited(),
                    m.getLastSignIn());
        }
    }

    /** How the member wants to appear outside their organization. */
    public record PublicNameRequest(String publicName) {}

    /** Who to invite, with which roles. */
    public record InviteRequest(String email, String displayName, List<String> roles) {}

    /** An invitation as shown (never its link: only the invited person gets that, by e-mail). */
    public record InvitationView(
            UUID id,
            UUID memberId,
            String email,
            String state,
            String invitedBy,
            Instant createdAt,
            Instant expiresAt) {
        public static InvitationView of(Invitation i) {
            return new InvitationView(
                    i.getId(),
                    i.getMemberId(),
                    i.getEmail(),
                    i.getState(),
                    i.getInvitedBy(),
                    i.getCreatedAt(),
                    i.getExpiresAt());
        }
    }

    /** The new (not yet bound) member and the invitation e-mailed to them. */
    public record InvitedView(MemberView member, InvitationView invitation) {}

    /** The roles a member should hold from now on. */
    public record RolesRequest(List<String> roles) {}

    @Inject
    MembershipService membership;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(
            summary = "The organization's members",
            description = "The organization's members; e-mails and sign-in activity for org admins only.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response list(@BeanParam PageParameters page) {
        return page.respond(membership.directory(actor.get(), page.request()).map(MemberView::of));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One member", description = "One member; 404 for ids of other organizations.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public MemberView get(@PathParam("id") UUID id) {
        return MemberView.of(membership.card(actor.get(), id));
    }

    /** The caller themselves (a member's sign-in or token, not an organization key). */
    @GET
    @Path("me")
    @Operation(summary = "The calling member themselves (not for organization API keys)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public MemberView me() {
        return MemberView.of(membership.self(actor.get()));
    }

    /** Chooses the name other organizations see (leaderboards, review queues, release exports). */
    @PUT
    @Path("me")
    @Operation(
            summary = "Choose the public name other organizations see",
            description = "Choose the public name other organizations see (not an e-mail address; at most "
                    + "80 characters).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public MemberView choosePublicName(PublicNameRequest request) {
        return MemberView.of(membership.choosePublicName(actor.get(), request == null ? null : request.publicName()));
    }

    @POST
    @Operation(
            summary = "Invite a member (org-admin)",
            description = "Invite a member (org-admin). The member exists at once but nobody signs in as "
                    + "them until the invited person accepts the one-time link e-mailed to them (valid "
                    + "7 days). Answers {member, invitation}; never a password.")
    @APIResponse(responseCode = "201", description = "Invited")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response invite(InviteRequest request) {
        InviteRequest body = request == null ? new InviteRequest(null, null, null) : request;
        Invited invited = membership.invite(actor.get(), body.email(), body.displayName(), body.roles());
        return Response.status(Response.Status.CREATED)
                .entity(new InvitedView(MemberView.of(invited.member()), InvitationView.of(invited.invitation())))
                .build();
    }

    @PUT
    @Path("{id}/roles")
    @Operation(summary = "Replace a member's roles (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public MemberView changeRoles(@PathParam("id") UUID id, RolesRequest request) {
        return MemberView.of(membership.changeRoles(actor.get(), id, request == null ? null : request.roles()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a member (org-admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response remove(@PathParam("id") UUID id) {
        membership.remove(actor.get(), id);
        return Response.noContent().build();
    }
}
