package io.tributary.web.admin;

import io.tributary.application.Actor;
import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.WalletService;
import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantSummary;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rewards.WalletViews.AlertView;
import io.tributary.web.rewards.WalletViews.RunView;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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
    TenantService tenants;

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
        Actor staff = actor.get();
        var alerts = wallets.openAlerts(staff, page.request());
        Map<UUID, String> names = tenantNames(tenants, staff);
        return page.respond(alerts.map(a -> AlertView.of(a, names)));
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
        return payouts.runSchedule(actor.get()).stream().map(RunView::of).toList();
    }

    /** How many wallets a key rotation moved to the current master key. */
    public record Rewrapped(int rewrapped) {}

    @POST
    @Path("key-rotation")
    public Rewrapped rewrapKeys() {
        return new Rewrapped(wallets.rewrapKeys(actor.get()));
    }

    /** Tenant names by id; called after the wallet service has checked that the actor is staff. */
    public static Map<UUID, String> tenantNames(TenantService tenants, Actor staff) {
        return tenants.overview(staff).stream()
                .map(TenantSummary::tenant)
                .collect(Collectors.toMap(t -> t.getId(), t -> t.getName(), (a, b) -> a));
    }
}
