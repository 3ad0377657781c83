package io.tributary.web.rewards;

import io.tributary.application.NotFound;
import io.tributary.application.rewards.EarningsService;
import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.WalletService;
import io.tributary.persistence.Page;
import io.tributary.persistence.rewards.Balance;
import io.tributary.persistence.rewards.custody.WalletChange;
import io.tributary.persistence.rewards.custody.WalletChangeStatus;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.RequestFingerprint;
import io.tributary.web.rewards.WalletViews.AddressView;
import io.tributary.web.rewards.WalletViews.ChangeView;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.UUID;

/** The caller's earnings, withdrawal address and withdrawals, and their organization's treasury and grants from it. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class EarningsResource {

    /** A grant from the treasury to a member. */
    public record GrantRequest(UUID memberId, String kind, BigDecimal amount, String memo) {}

    /** The address a member's earnings are paid to. */
    public record AddressRequest(String address) {}

    @Inject
    EarningsService earnings;

    @Inject
    WalletService wallets;

    @Inject
    PayoutService payouts;

    @Inject
    CurrentActor actor;

    @GET
    @Path("earnings")
    public Response balances(@BeanParam PageParameters page) {
        // One balance per earnings kind: a fixed handful, sliced in memory like any other list.
        return page.respond(Page.slice(earnings.earnings(actor.get()), page.request()));
    }

    @GET
    @Path("earnings/history")
    public Response history(@BeanParam PageParameters page) {
        return page.respond(earnings.history(actor.get(), page.request()));
    }

    @GET
    @Path("earnings/statement.csv")
    @Produces("text/csv")
    public Response statement() {
        return Response.ok(earnings.statement(actor.get()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"earnings.csv\"")
                .build();
    }

    @GET
    @Path("earnings/withdrawal-address")
    public AddressView withdrawalAddress() {
        return wallets.address(actor.get())
                .map(AddressView::of)
                .orElseThrow(() -> new NotFound("You have no withdrawal address."));
    }

    @PUT
    @Path("earnings/withdrawal-address")
    @Consumes(MediaType.APPLICATION_JSON)
    public AddressView registerAddress(AddressRequest request) {
        return AddressView.of(wallets.registerAddress(actor.get(), request == null ? null : request.address()));
    }

    @DELETE
    @Path("earnings/withdrawal-address")
    public Response removeAddress() {
        wallets.removeAddress(actor.get());
        return Response.noContent().build();
    }

    @POST
    @Path("earnings/withdrawals")
    public Response withdraw(@Context HttpServletRequest http) {
        return PayoutResource.started(() -> payouts.withdraw(actor.get(), RequestFingerprint.of(http)));
    }

    @GET
    @Path("treasury")
    public Balance treasury() {
        return earnings.treasury(actor.get());
    }

    @POST
    @Path("treasury/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    /**
     * 200 with the grant when it is posted at once; 202 when it waits for a second org admin and the cooling-off (a
     * grant to oneself or above the approval threshold). With an Idempotency-Key a retry returns the first answer.
     */
    public Response grant(GrantRequest request, @Context HttpServletRequest http) {
        GrantRequest r = request == null ? new GrantRequest(null, null, null, null) : request;
        WalletChange change =
                earnings.grant(actor.get(), r.memberId(), r.kind(), r.amount(), r.memo(), RequestFingerprint.of(http));
        GrantView view = new GrantView(ChangeView.of(change), earnings.treasuryBalance(change.getTenantId()));
        return change.getStatus() == WalletChangeStatus.APPLIED
                ? Response.ok(view).build()
                : Response.accepted(view).build();
    }

    /** A grant and the treasury's balance after it. */
    public record GrantView(ChangeView grant, Balance treasury) {}
}
