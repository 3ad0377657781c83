package io.tributary.web.rewards;

import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.rewards.payout.PayoutRun;
import io.tributary.persistence.tenancy.Member;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.RequestFingerprint;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.rewards.WalletViews.RunDetail;
import io.tributary.web.rewards.WalletViews.RunView;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Payout runs from the organization's wallet, for org admins: start, approve or reject, follow on chain. */
@Path("payouts")
@Tag(name = "rewards")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class PayoutResource {

    /** Why a run is rejected. */
    public record RejectRequest(String reason) {}

    @Inject
    PayoutService payouts;

    @Inject
    MembershipService membership;

    @Inject
    SettlementChain chain;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "The organization's payout runs, newest first (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response runs(@BeanParam PageParameters page) {
        return page.respond(payouts.runs(actor.get(), null, page.request()).map(RunView::of));
    }

    @POST
    @Operation(
            summary = "Pay every member who is due their earnings (org-admin)",
            description = "Pay every member who is due their earnings (org-admin); runs above the approval "
                    + "threshold wait for a second org admin.")
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
    public Response start(@Context HttpServletRequest http) {
        return started(() -> payouts.start(actor.get(), RequestFingerprint.of(http)));
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One run with its recipients and batches, each batch with its transaction",
            description = "One run with its recipients and batches, each batch with its transaction "
                    + "(org-admin, or the member who withdrew).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public RunDetail detail(@PathParam("id") UUID id) {
        var emails = membership.members(actor.get()).stream()
                .collect(Collectors.toMap(Member::getId, Member::getEmail, (a, b) -> a));
        return RunDetail.of(payouts.detail(actor.get(), id), emails, chain::explorerLink);
    }

    @POST
    @Path("{id}/approval")
    @Operation(
            summary = "Release a run awaiting approval",
            description = "Release a run awaiting approval (an org admin other than the member who "
                    + "requested it, in person or with their own personal access token; never a service "
                    + "key).")
    @APIResponse(responseCode = "200", description = "Approved")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public RunView approve(@PathParam("id") UUID id) {
        return RunView.of(payouts.approve(actor.get(), id));
    }

    @POST
    @Path("{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Reject a run awaiting approval (org-admin)",
            description = "Reject a run awaiting approval (org-admin); the earnings stay with the members.")
    @APIResponse(responseCode = "200", description = "Rejected")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public RunView reject(@PathParam("id") UUID id, RejectRequest request) {
        return RunView.of(payouts.reject(actor.get(), id, request == null ? null : request.reason()));
    }

    /**
     * 201 with the run a request started; 200 with the earlier run when its idempotency key was used before (that
     * run was created before this request began).
     */
    static Response started(Supplier<PayoutRun> start) {
        Instant began = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PayoutRun run = start.get();
        RunView view = RunView.of(run);
        if (run.getCreatedAt() != null && run.getCreatedAt().isBefore(began)) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("payouts/" + run.getId()))
                .entity(view)
                .build();
    }
}
