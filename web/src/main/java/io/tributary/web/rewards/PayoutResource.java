package io.tributary.web.rewards;

import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.rewards.payout.PayoutRun;
import io.tributary.persistence.tenancy.Member;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.RequestFingerprint;
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

/** Payout runs from the organization's wallet, for org admins: start, approve or reject, follow on chain. */
@Path("payouts")
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
    public Response runs(@BeanParam PageParameters page) {
        return page.respond(payouts.runs(actor.get(), null, page.request()).map(RunView::of));
    }

    @POST
    public Response start(@Context HttpServletRequest http) {
        return started(() -> payouts.start(actor.get(), RequestFingerprint.of(http)));
    }

    @GET
    @Path("{id}")
    public RunDetail detail(@PathParam("id") UUID id) {
        var emails = membership.members(actor.get()).stream()
                .collect(Collectors.toMap(Member::getId, Member::getEmail, (a, b) -> a));
        return RunDetail.of(payouts.detail(actor.get(), id), emails, chain::explorerLink);
    }

    @POST
    @Path("{id}/approval")
    public RunView approve(@PathParam("id") UUID id) {
        return RunView.of(payouts.approve(actor.get(), id));
    }

    @POST
    @Path("{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
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
