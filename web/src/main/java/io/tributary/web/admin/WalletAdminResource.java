package io.tributary.web.admin;

import io.tributary.application.Actor;
import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.WalletService;
import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantSummary;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every organization's wallet health and reconciliation alerts, for platform staff. */
@Path("admin/wallets")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.OIDC)
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
    @Operation(
            summary = "Every organization's wallet with its reconciliation state, open alerts and work " + "in flight",
            description = "Every organization's wallet with its reconciliation state, open alerts and work "
                    + "in flight (platform-admin).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response health(@BeanParam PageParameters page) {
        return page.respond(wallets.health(actor.get(), page.request()));
    }

    @GET
    @Path("alerts")
    @Operation(summary = "Open reconciliation alerts, newest first (platform-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response alerts(@BeanParam PageParameters page) {
        Actor staff = actor.get();
        var alerts = wallets.openAlerts(staff, page.request());
        Map<UUID, String> names = tenantNames(tenants, staff);
        return page.respond(alerts.map(a -> AlertView.of(a, names)));
    }

    @POST
    @Path("{id}/unfreeze")
    @Operation(
            summary = "Resolve a wallet's open alerts and lift its freeze after investigating",
            description =
                    "Resolve a wallet's open alerts and lift its freeze after investigating " + "(platform-admin).")
    @APIResponse(responseCode = "204", description = "Unfrozen")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response unfreeze(@PathParam("id") UUID id, UnfreezeRequest request) {
        wallets.unfreeze(actor.get(), id, request == null ? null : request.resolution());
        return Response.noContent().build();
    }

    @POST
    @Path("scheduled-payouts")
    @Operation(
            summary = "Run today's scheduled payouts now, for every organization that enabled them",
            description = "Run today's scheduled payouts now, for every organization that enabled them "
                    + "(platform-admin; the schedule runs them at 03:00 UTC, at most one per "
                    + "organization a day).")
    @APIResponse(responseCode = "200", description = "The runs started")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public List<RunView> runSchedule() {
        return payouts.runSchedule(actor.get()).stream().map(RunView::of).toList();
    }

    /** How many wallets a key rotation moved to the current master key. */
    public record Rewrapped(int rewrapped) {}

    @POST
    @Path("key-rotation")
    @Operation(
            summary = "Rewrap every wallet's data key under the current custody master key",
            description = "After adding a new custody master key and making it current, rewrap every "
                    + "wallet's data key under it (platform-admin).")
    @APIResponse(responseCode = "200", description = "How many wallets were rewrapped: {rewrapped: n}")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @APIResponse(responseCode = "503", ref = TributaryApi.UNAVAILABLE)
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
