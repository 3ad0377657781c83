package io.tributary.web.tenancy;

import io.tributary.application.tenancy.InvitationPreview;
import io.tributary.application.tenancy.MembershipService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Accepting an invitation: open to anyone holding a valid link, whose token is the credential. */
@Path("invitation-acceptances")
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
    public InvitationPreview accept(AcceptRequest request) {
        AcceptRequest r = request == null ? new AcceptRequest(null, null, null, null) : request;
        return membership.accept(r.token(), r.displayName(), r.password(), r.passwordAgain());
    }
}
