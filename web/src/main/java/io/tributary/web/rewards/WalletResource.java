package io.tributary.web.rewards;

import io.tributary.application.NotFound;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.application.rewards.WalletChanges;
import io.tributary.application.rewards.WalletService;
import io.tributary.persistence.rewards.custody.WalletChange;
import io.tributary.persistence.rewards.custody.WalletChangeStatus;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.RequestFingerprint;
import io.tributary.web.rewards.WalletViews.ChangeView;
import io.tributary.web.rewards.WalletViews.DepositView;
import io.tributary.web.rewards.WalletViews.PolicyView;
import io.tributary.web.rewards.WalletViews.TransactionView;
import io.tributary.web.rewards.WalletViews.WalletSummary;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The organization's custodial wallet, for org admins: balances, policy, transactions and deposits. */
@Path("wallet")
@Produces(MediaType.APPLICATION_JSON)
public class WalletResource {

    /** A withdrawal policy; amounts in TRIB (decimals allowed). */
    public record PolicyRequest(
            BigDecimal dailyLimit,
            BigDecimal approvalThreshold,
            BigDecimal payoutMinimum,
            Integer coolingOffHours,
            Boolean scheduledPayouts) {}

    @Inject
    WalletService wallets;

    @Inject
    WalletChanges walletChanges;

    @Inject
    SettlementChain chain;

    @Inject
    CurrentActor actor;

    @GET
    public WalletSummary wallet() {
        return wallets.view(actor.get())
                .map(WalletSummary::of)
                .orElseThrow(() -> new NotFound("Your organization has no wallet yet; an org admin creates it."));
    }

    @POST
    public Response create() {
        return Response.status(Response.Status.CREATED)
                .entity(WalletSummary.of(wallets.create(actor.get())))
                .build();
    }

    /** Why a change is rejected. */
    public record RejectRequest(String reason) {}

    /**
     * 200 with the policy when it is in force at once (it only tightens); 202 with the change when it loosens and
     * waits for a second org admin and the cooling-off period.
     */
    @PUT
    @Path("policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response policy(PolicyRequest request, @Context HttpServletRequest http) {
        PolicyRequest r = request == null ? new PolicyRequest(null, null, null, null, null) : request;
        WalletChange change = wallets.updatePolicy(
                actor.get(),
                r.dailyLimit(),
                r.approvalThreshold(),
                r.payoutMinimum(),
                r.coolingOffHours(),
                r.scheduledPayouts(),
                RequestFingerprint.of(http));
        return change.getStatus() == WalletChangeStatus.APPLIED
                ? Response.ok(PolicyView.of(change.policy())).build()
                : Response.accepted(ChangeView.of(change)).build();
    }

    @GET
    @Path("changes")
    public List<ChangeView> changes(@QueryParam("max") @DefaultValue("100") int max) {
        return walletChanges.changes(actor.get(), max).stream()
                .map(ChangeView::of)
                .toList();
    }

    @GET
    @Path("changes/{id}")
    public ChangeView change(@PathParam("id") UUID id) {
        return ChangeView.of(walletChanges.change(actor.get(), id));
    }

    @POST
    @Path("changes/{id}/approval")
    public ChangeView approve(@PathParam("id") UUID id) {
        return ChangeView.of(walletChanges.approve(actor.get(), id));
    }

    @POST
    @Path("changes/{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeView reject(@PathParam("id") UUID id, RejectRequest request) {
        return ChangeView.of(walletChanges.reject(actor.get(), id, request == null ? null : request.reason()));
    }

    @GET
    @Path("transactions")
    public Response transactions(@BeanParam PageParameters page) {
        return page.respond(
                wallets.transactions(actor.get(), page.request()).map(t -> TransactionView.of(t, chain::explorerLink)));
    }

    @GET
    @Path("deposits")
    public Response deposits(@BeanParam PageParameters page) {
        return page.respond(
                wallets.deposits(actor.get(), page.request()).map(d -> DepositView.of(d, chain::explorerLink)));
    }
}
