package io.tributary.web.rewards;

import io.tributary.application.NotFound;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.application.rewards.WalletService;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rewards.WalletViews.DepositView;
import io.tributary.web.rewards.WalletViews.PolicyView;
import io.tributary.web.rewards.WalletViews.TransactionView;
import io.tributary.web.rewards.WalletViews.WalletSummary;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;

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

    @PUT
    @Path("policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public PolicyView policy(PolicyRequest request) {
        PolicyRequest r = request == null ? new PolicyRequest(null, null, null, null, null) : request;
        return PolicyView.of(wallets.updatePolicy(
                actor.get(),
                r.dailyLimit(),
                r.approvalThreshold(),
                r.payoutMinimum(),
                r.coolingOffHours(),
                r.scheduledPayouts()));
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
