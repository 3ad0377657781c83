package io.tributary.web.rewards;

import io.tributary.application.NotFound;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.application.rewards.WalletChanges;
import io.tributary.application.rewards.WalletService;
import io.tributary.persistence.rewards.custody.WalletChange;
import io.tributary.persistence.rewards.custody.WalletChangeStatus;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.RequestFingerprint;
import io.tributary.web.rest.TributaryApi;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's custodial wallet, for org admins: balances, policy, transactions and deposits. */
@Path("wallet")
@Tag(name = "rewards")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
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
    @Operation(
            summary = "The organization's custodial wallet with ledger and on-chain balances",
            description = "The organization's custodial wallet with ledger and on-chain balances "
                    + "(org-admin); 404 before one was created.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public WalletSummary wallet() {
        return wallets.view(actor.get())
                .map(WalletSummary::of)
                .orElseThrow(() -> new NotFound("Your organization has no wallet yet; an org admin creates it."));
    }

    @POST
    @Operation(
            summary = "Create the organization's custodial wallet",
            description = "Create the organization's custodial wallet; its key is generated and sealed in "
                    + "custody (org-admin).")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @APIResponse(responseCode = "503", ref = TributaryApi.UNAVAILABLE)
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
    @Operation(
            summary = "Change the withdrawal policy (org-admin)",
            description = "Change the withdrawal policy (org-admin); amounts in TRIB. A change that only "
                    + "tightens is in force at once (200); one that loosens (higher daily limit or "
                    + "approval threshold, shorter cooling-off) waits for a second org admin and then "
                    + "the cooling-off period (202).")
    @Parameter(
            name = RequestFingerprint.HEADER,
            in = ParameterIn.HEADER,
            description = TributaryApi.IDEMPOTENCY_KEY_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The policy now in force")
    @APIResponse(responseCode = "202", description = "The change awaiting a second org admin")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "422", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
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
    @Operation(
            summary = "Policy changes and treasury grants, newest first, open ones and history",
            description = "Policy changes and treasury grants, newest first, open ones and history " + "(org-admin).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public List<ChangeView> changes(@QueryParam("max") @DefaultValue("100") int max) {
        return walletChanges.changes(actor.get(), max).stream()
                .map(ChangeView::of)
                .toList();
    }

    @GET
    @Path("changes/{id}")
    @Operation(summary = "One policy change or grant (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public ChangeView change(@PathParam("id") UUID id) {
        return ChangeView.of(walletChanges.change(actor.get(), id));
    }

    @POST
    @Path("changes/{id}/approval")
    @Operation(
            summary = "Approve a change awaiting a second org admin",
            description = "Approve a change awaiting a second org admin (an org admin other than the member "
                    + "who requested it, in person or with their own personal access token; never a "
                    + "service key); it takes effect after the cooling-off period.")
    @APIResponse(responseCode = "200", description = "Approved")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public ChangeView approve(@PathParam("id") UUID id) {
        return ChangeView.of(walletChanges.approve(actor.get(), id));
    }

    @POST
    @Path("changes/{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Stop a change before it takes effect (org-admin)",
            description =
                    "Stop a change before it takes effect (org-admin); a stopped grant returns to the " + "treasury.")
    @APIResponse(responseCode = "200", description = "Stopped")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public ChangeView reject(@PathParam("id") UUID id, RejectRequest request) {
        return ChangeView.of(walletChanges.reject(actor.get(), id, request == null ? null : request.reason()));
    }

    @GET
    @Path("transactions")
    @Operation(summary = "The wallet's latest transactions, newest first (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response transactions(@BeanParam PageParameters page) {
        return page.respond(
                wallets.transactions(actor.get(), page.request()).map(t -> TransactionView.of(t, chain::explorerLink)));
    }

    @GET
    @Path("deposits")
    @Operation(
            summary = "TRIB deposited to the wallet and credited to the treasury, newest first",
            description = "TRIB deposited to the wallet and credited to the treasury, newest first " + "(org-admin).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response deposits(@BeanParam PageParameters page) {
        return page.respond(
                wallets.deposits(actor.get(), page.request()).map(d -> DepositView.of(d, chain::explorerLink)));
    }
}
