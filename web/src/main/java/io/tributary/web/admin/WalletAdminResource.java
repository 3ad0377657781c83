package io.tributary.web.admin;

import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.WalletService;
import io.tributary.application.rewards.WalletViews.RunView;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Every organization's wallet health and reconciliation alerts, for platform staff. */
@Path("admin/wallets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WalletAdminResource {

    /** How staff resolved what froze a wallet. */
    public record UnfreezeRequest(String resolution) {}

    @Inject
    WalletService wallets;

    @Inject
    PayoutService payouts;

    @Inject
    CurrentActor actor;

    @GET
    public Response health(@BeanParam PageParameters page) {
        return page.respond(wallets.health(actor.get(), page.request()));
    }

    @GET
    @Path("alerts")
    public Response alerts(@BeanParam PageParameters page) {
        return page.respond(wallets.openAlerts(actor.get(), page.request()));
    }

    @POST
    @Path("{id}/unfreeze")
    public Response unfreeze(@PathParam("id") UUID id, UnfreezeRequest request) {
        wallets.unfreeze(actor.get(), id, request == null ? null : request.resolution());
        return Response.noContent().build();
    }

    @POST
    @Path("scheduled-payouts")
    public List<RunView> runSchedule() {
        return payouts.runSchedule(actor.get());
    }

    /** How many wallets a key rotation moved to the current master key. */
    public record Rewrapped(int rewrapped) {}

    @POST
    @Path("key-rotation")
    public Rewrapped rewrapKeys() {
        return new Rewrapped(wallets.rewrapKeys(actor.get()));
    }
}
