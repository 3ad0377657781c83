package io.tributary.web.attribution;

import io.tributary.application.attribution.ReceiptService;
import io.tributary.application.attribution.ReceiptViews.ReceiptView;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Attribution receipts: the caller organization's in full, and those that paid the caller without the prompt. */
@Path("receipts")
@Tag(name = "attribution")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptResource {

    @Inject
    ReceiptService receipts;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(
            summary = "Receipts of the organization's inferences and those that paid the caller, newest first",
            description = "Each line says the model version, the charge, what the caller was paid and whether the"
                    + " receipt is sealed in an anchored batch yet.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response list(@BeanParam PageParameters page) {
        return page.respond(receipts.receipts(actor.get(), page.request()));
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One receipt: model version, hashes, method, top records, verbatim spans and the split",
            description = "The calling organization sees the prompt; a contributor, validator or owner paid by the"
                    + " receipt sees it only when the caller shared prompts. Anyone else gets 404.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public ReceiptView receipt(@PathParam("id") UUID id) {
        return receipts.receipt(actor.get(), id);
    }

    @GET
    @Path("{id}/proof")
    @Operation(
            summary = "The receipt's Merkle inclusion proof, to verify offline",
            description = "Leaf encoding tributary.attribution-receipt.v1 (docs/attribution.md), the canonical content"
                    + " behind contentSha256, the sibling hashes, the batch root and where it is anchored (chain id,"
                    + " registry address, transaction, block). 409 until the receipt is sealed in a batch.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    public Response proof(@PathParam("id") UUID id) {
        return Response.ok(receipts.proof(actor.get(), id), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"receipt-" + id + "-proof.json\"")
                .build();
    }
}
