package io.tributary.web.admin;

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

/** Pending domain claims of every tenant, decided by platform staff after checking ownership themselves. */
@Path("admin/domain-claims")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainClaimAdminResource {

    @Inject
    SsoService sso;

    @Inject
    CurrentActor actor;

    @GET
    public List<DomainClaimView> pending() {
        return sso.pendingClaims(actor.get());
    }

    @POST
    @Path("{id}/approval")
    public DomainClaimView approve(@PathParam("id") UUID id) {
        return sso.approve(actor.get(), id);
    }

    @POST
    @Path("{id}/rejection")
    public DomainClaimView reject(@PathParam("id") UUID id) {
        return sso.reject(actor.get(), id);
    }
}
