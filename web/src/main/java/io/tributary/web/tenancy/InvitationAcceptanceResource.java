package io.tributary.web.tenancy;

import io.tributary.application.tenancy.InvitationPreview;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.web.rest.TributaryApi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accepting an invitation: open to anyone holding a valid link, whose token is the credential. */
@Path("invitation-acceptances")
@Tag(name = "tenancy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationAcceptanceResource {

    /** The link's token, and for a new account the name and password the person chooses. */
    public record AcceptRequest(String token, String displayName, String password, String passwordAgain) {
        /** Never the token or the passwords: records end up in logs and exception messages. */
        @Override
        public String toString() {
            return "AcceptRequest[displayName=" + displayName + ", token=(hidden), password=(hidden)]";
        }
    }

    @Inject
    MembershipService membership;

    @POST
    @Operation(
            summary = "The invited person accepts with the link's token",
            description = "The invited person accepts with the link's token (no other credentials). Without "
                    + "an account they choose a password (at least 12 characters); an existing account "
                    + "with a verified address joins the organization.")
    @APIResponse(responseCode = "200", description = "Accepted")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    public InvitationPreview accept(AcceptRequest request) {
        AcceptRequest r = request == null ? new AcceptRequest(null, null, null, null) : request;
        return membership.accept(r.token(), r.displayName(), r.password(), r.passwordAgain());
    }
}
