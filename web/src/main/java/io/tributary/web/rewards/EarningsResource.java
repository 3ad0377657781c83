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
import io.tributary.web.rest.TributaryApi;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's earnings, withdrawal address and withdrawals, and their organization's treasury and grants from it. */
@Path("")
@Tag(name = "rewards")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
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
    @Operation(
            summary = "The caller's earnings accounts",
            description = "The caller's earnings accounts (contributor, validator, model owner) with posted "
                    + "and pending balances.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response balances(@BeanParam PageParameters page) {
        // One balance per earnings kind: a fixed handful, sliced in memory like any other list.
        return page.respond(Page.slice(earnings.earnings(actor.get()), page.request()));
    }

    @GET
    @Path("earnings/history")
    @Operation(summary = "The caller's earnings history, newest first")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response history(@BeanParam PageParameters page) {
        return page.respond(earnings.history(actor.get(), page.request()));
    }

    @GET
    @Path("earnings/statement.csv")
    @Produces("text/csv")
    @Operation(summary = "The caller's earnings history as CSV")
    @APIResponse(responseCode = "200", description = "text/csv")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response statement() {
        return Response.ok(earnings.statement(actor.get()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"earnings.csv\"")
                .build();
    }

    @GET
    @Path("earnings/withdrawal-address")
    @Operation(
            summary = "The caller's withdrawal address",
            description = "The caller's withdrawal address; 404 when they have none.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public AddressView withdrawalAddress() {
        return wallets.address(actor.get())
                .map(AddressView::of)
                .orElseThrow(() -> new NotFound("You have no withdrawal address."));
    }

    @PUT
    @Path("earnings/withdrawal-address")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register or replace the caller's withdrawal address",
            description = "Register or replace the caller's withdrawal address; usable after the "
                    + "organization's cooling-off period.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public AddressView registerAddress(AddressRequest request) {
        return AddressView.of(wallets.registerAddress(actor.get(), request == null ? null : request.address()));
    }

    @DELETE
    @Path("earnings/withdrawal-address")
    @Operation(summary = "Remove the caller's withdrawal address")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response removeAddress() {
        wallets.removeAddress(actor.get());
        return Response.noContent().build();
    }

    @POST
    @Path("earnings/withdrawals")
    @Operation(summary = "Withdraw all the caller's earnings to their usable withdrawal address")
    @Parameter(
            name = RequestFingerprint.HEADER,
            in = ParameterIn.HEADER,
            description = TributaryApi.IDEMPOTENCY_KEY_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The run an earlier request with the same Idempotency-Key started")
    @APIResponse(responseCode = "201", description = "Started")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "422", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @APIResponse(responseCode = "503", ref = TributaryApi.UNAVAILABLE)
    public Response withdraw(@Context HttpServletRequest http) {
        return PayoutResource.started(() -> payouts.withdraw(actor.get(), RequestFingerprint.of(http)));
    }

    @GET
    @Path("treasury")
    @Operation(summary = "The organization's treasury balance (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
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
    @Operation(
            summary = "Pay a member from the treasury (org-admin)",
            description = "Pay a member from the treasury (org-admin); refused beyond the balance. A grant "
                    + "to oneself or above the approval threshold waits for a second org admin and the "
                    + "cooling-off period.")
    @Parameter(
            name = RequestFingerprint.HEADER,
            in = ParameterIn.HEADER,
            description = TributaryApi.IDEMPOTENCY_KEY_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Granted: {grant: WalletChange, treasury: balance}")
    @APIResponse(
            responseCode = "202",
            description = "Awaiting a second org admin: {grant: WalletChange, treasury: balance}")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "422", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
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
