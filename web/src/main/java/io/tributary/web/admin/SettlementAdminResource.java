package io.tributary.web.admin;

import io.tributary.application.rewards.Settlements;
import io.tributary.application.rewards.Settlements.PositionView;
import io.tributary.application.rewards.Settlements.SettlementView;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cross-organization settlement on chain between custodial wallets, for platform staff. */
@Path("admin/settlements")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettlementAdminResource {

    @Inject
    Settlements settlements;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(
            summary = "Settlements between organizations' wallets, newest first",
            description = "Each on-chain TRIB transfer from a debtor organization's custodial wallet to a creditor's,"
                    + " with its transaction's state and, while it waits, why (such as a shortfall of tokens)."
                    + " Amounts in base units (18 decimals) with a TRIB string beside them (platform-admin).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response list(@BeanParam PageParameters page) {
        return page.respond(settlements.page(actor.get(), page.request()));
    }

    @GET
    @Path("positions")
    @Operation(
            summary = "What each organization is owed (positive) or owes (negative) and no settlement has sent yet",
            description = "Cross-organization value (inference charges, fee splits, dispute corrections) not yet"
                    + " settled on chain, per organization, in base units; what the platform's own accounts received"
                    + " stays with the paying organizations (platform-admin).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public List<PositionView> positions() {
        return settlements.positions(actor.get());
    }

    @POST
    @Operation(
            summary = "Settle now: net the unsettled positions and queue the transfers",
            description = "Nets every organization's unsettled position and queues one ERC-20 transfer per debtor"
                    + " and creditor in the debtor wallet's outbox; the schedule does the same every"
                    + " TRIBUTARY_SETTLEMENT_EVERY_MINUTES. Returns the settlements queued (empty when nothing is"
                    + " owed, or another server is settling at this moment) (platform-admin).")
    @APIResponse(responseCode = "200", description = "The settlements queued")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public List<SettlementView> settle() {
        return settlements.settle(actor.get());
    }
}
