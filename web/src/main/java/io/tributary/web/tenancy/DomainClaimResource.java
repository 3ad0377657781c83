package io.tributary.web.tenancy;

import io.tributary.application.tenancy.DomainClaimView;
import io.tributary.application.tenancy.SsoService;
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

/** The organization's claims to e-mail domains, and proving one by its DNS TXT record. */
@Path("domain-claims")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainClaimResource {

    @Inject
    SsoService sso;

    @Inject
    CurrentActor actor;

    @GET
    public List<DomainClaimView> list() {
        return sso.claims(actor.get());
    }

    /** Looks up the TXT record now: verified when it holds the token, else a 409 saying what is missing. */
    @POST
    @Path("{id}/dns-check")
    public DomainClaimView check(@PathParam("id") UUID id) {
        return sso.checkDns(actor.get(), id);
    }
}
