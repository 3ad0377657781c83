package io.tributary.web.attribution.dispute;

import io.tributary.application.attribution.dispute.DisputeDecision;
import io.tributary.application.attribution.dispute.DisputeDraft;
import io.tributary.application.attribution.dispute.DisputeService;
import io.tributary.application.attribution.dispute.DisputeView;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Disputing a receipt about one's record, and validators' decisions on disputes. */
@Path("")
@Tag(name = "attribution")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class DisputeResource {

    @Inject
    DisputeService disputes;

    @Inject
    CurrentActor actor;

    @POST
    @Path("disputes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Dispute a receipt about one of your records",
            description = "kind NOT_CREDITED (\"my record should have been credited\") or COPIED (\"this credited"
                    + " record copies mine\", naming copiedByRecordId) about receiptId; the receipt's model must have"
                    + " been trained on your record (otherwise 404). Validators of your record's DataNet decide.")
    @APIResponse(responseCode = "201", description = "Opened")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response open(DisputeDraft draft) {
        return Response.status(Response.Status.CREATED)
                .entity(disputes.open(actor.get(), draft))
                .build();
    }

    @GET
    @Path("disputes")
    @Operation(
            summary = "Your disputes, those you review, or a receipt's",
            description = "role=contributor (default): your own disputes; role=validator: disputes about records"
                    + " of DataNets you validate, open ones first; receipt=ID: that receipt's disputes and their"
                    + " corrections (the amount and the ADJUSTMENT transfer that paid an upheld one), for the"
                    + " receipt's caller organization, the members its split paid, and the disputers (else 404).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public List<DisputeView> list(@QueryParam("role") String role, @QueryParam("receipt") UUID receipt) {
        if (receipt != null) {
            return disputes.ofReceipt(actor.get(), receipt);
        }
        if (role == null || role.isBlank() || role.equals("contributor")) {
            return disputes.mine(actor.get());
        }
        if (role.equals("validator")) {
            return disputes.toReview(actor.get());
        }
        throw new io.tributary.application.InvalidInput("role", "Use role=contributor or role=validator.");
    }

    @GET
    @Path("disputes/{id}")
    @Operation(
            summary = "A dispute with its evidence",
            description = "The receipt's credited records with scores and weights, verbatim spans, and the records"
                    + " in question; never the prompt or the answer. For the disputer and the DataNet's validators.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public DisputeView dispute(@PathParam("id") UUID id) {
        return disputes.dispute(actor.get(), id);
    }

    @POST
    @Path("disputes/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Uphold or reject a dispute (a validator of the record's DataNet)",
            description = "verdict uphold or reject, a reason, and for uphold a correction in TRIB (at most the"
                    + " receipt's contributors' share), paid to the contributor by a new ADJUSTMENT transfer from the"
                    + " platform's fees; the receipt itself never changes. A decision is final.")
    @APIResponse(responseCode = "200", description = "Decided")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public DisputeView decide(@PathParam("id") UUID id, DisputeDecision decision) {
        return disputes.decide(actor.get(), id, decision);
    }
}
