package io.tributary.web.curation;

import io.tributary.application.curation.ReleaseService;
import io.tributary.application.curation.ReviewService;
import io.tributary.application.datanet.ContributionView;
import io.tributary.application.datanet.DataNetService;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reviewing contributions, ruling on escalations, and publishing and reading releases. */
@Path("")
@Tag(name = "curation")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class CurationResource {

    /** A validator's vote, or the owner's ruling. */
    public record VerdictRequest(String verdict, String reason) {}

    @Inject
    ReviewService reviews;

    @Inject
    DataNetService dataNets;

    @Inject
    ReleaseService releases;

    @Inject
    CurrentActor actor;

    @GET
    @Path("datanets/{id}/queue")
    @Operation(summary = "Records waiting for the calling validator")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response queue(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        return page.respond(reviews.queue(actor.get(), id, page.request()));
    }

    @GET
    @Path("datanets/{id}/escalations")
    @Operation(summary = "Records escalated to the DataNet's owner")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response escalations(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        return page.respond(reviews.escalations(actor.get(), id, page.request()));
    }

    @GET
    @Path("contributions/{id}/reviews")
    @Operation(summary = "The reviews of a contribution")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response reviewsOf(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        // At most n votes per record (the review policy), so the slice is taken in memory.
        return page.respond(Page.slice(reviews.reviewsOf(actor.get(), id), page.request()));
    }

    @POST
    @Path("contributions/{id}/reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Vote on a contribution (validator)",
            description = "Vote on a contribution (validator); nobody reviews their own.")
    @APIResponse(responseCode = "200", description = "The contribution after the vote")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public ContributionView review(@PathParam("id") UUID id, VerdictRequest request) {
        VerdictRequest r = request == null ? new VerdictRequest(null, null) : request;
        return reviews.review(actor.get(), id, r.verdict(), r.reason());
    }

    @POST
    @Path("contributions/{id}/ruling")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The DataNet owner's ruling on an escalated contribution")
    @APIResponse(responseCode = "200", description = "Decided")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public ContributionView rule(@PathParam("id") UUID id, VerdictRequest request) {
        VerdictRequest r = request == null ? new VerdictRequest(null, null) : request;
        return reviews.rule(actor.get(), id, r.verdict(), r.reason());
    }

    @GET
    @Path("datanets/{id}/releases")
    @Operation(summary = "The DataNet's releases, newest first")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response releases(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        return page.respond(releases.views(actor.get(), id, ListQuery.of(page.request())));
    }

    @POST
    @Path("datanets/{id}/releases")
    @Operation(summary = "Publish an immutable release of every accepted record (owner)")
    @APIResponse(responseCode = "201", description = "Published")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response publish(@PathParam("id") UUID id) {
        return Response.status(Response.Status.CREATED)
                .entity(releases.publishView(actor.get(), id))
                .build();
    }

    @GET
    @Path("datanets/{id}/releases/{version}/proofs/{contribution}")
    @Operation(
            summary = "A record's Merkle proof in a release",
            description = "A record's Merkle proof in a release, standing alone (format tributary.proof.v1, see"
                    + " docs/proofs.md): the record's leaf values and encoding name (keccak-256, OpenZeppelin"
                    + " StandardMerkleTree-compatible), the siblings, the root, and where the root is anchored: chain"
                    + " id, ProvenanceRegistry address, kind, subject (the release id), transaction hash and block;"
                    + " anchor is null while the root waits to be anchored.")
    @APIResponse(responseCode = "200", description = "The proof document")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public Response proof(
            @PathParam("id") UUID id, @PathParam("version") int version, @PathParam("contribution") UUID contribution) {
        return Response.ok(
                        releases.anchoredProof(actor.get(), id, version, contribution)
                                .toJson(),
                        MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"proof-" + contribution + ".json\"")
                .build();
    }

    @GET
    @Path("datanets/{id}/releases/{version}/export")
    @Produces("application/x-ndjson")
    @Operation(
            summary = "The release as JSON Lines with provenance",
            description = "The release as JSON Lines, one record per line (see docs/proofs.md): recordId,"
                    + " contributor (public name), contributorId, contentSha256, fields, leaf, proof, root, release"
                    + " (version), encoding.")
    @APIResponse(responseCode = "200", description = "application/x-ndjson")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response export(@PathParam("id") UUID id, @PathParam("version") int version) {
        releases.release(actor.get(), id, version);
        StreamingOutput body = out -> releases.export(actor.get(), id, version, out);
        return Response.ok(body, "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"release-v" + version + ".jsonl\"")
                .build();
    }
}
