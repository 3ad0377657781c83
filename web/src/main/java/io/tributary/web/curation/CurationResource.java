package io.tributary.web.curation;

import io.tributary.application.curation.ReleaseService;
import io.tributary.application.curation.ReviewService;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.persistence.Page;
import io.tributary.persistence.curation.Release;
import io.tributary.persistence.curation.Review;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.web.datanet.DataNetViews.ContributionView;
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
import java.time.Instant;
import java.util.List;
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

    /** One review of a contribution. */
    public record ReviewView(String validator, String verdict, String reason, Instant at) {}

    /** Who published a release, as other organizations see it. */
    public static final String PUBLISHED_BY_OWNER = "the DataNet's owner";

    /** A published release. */
    public record ReleaseView(
            UUID id,
            int version,
            String merkleRoot,
            int recordCount,
            String publishedBy,
            Instant publishedAt,
            String anchorTransaction,
            Long anchoredBlock) {
        /** The publisher's e-mail only for the DataNet owner's own organization. */
        static ReleaseView of(Release r, boolean ownerOrganization) {
            return new ReleaseView(
                    r.getId(),
                    r.getVersion(),
                    r.getMerkleRoot(),
                    r.getRecordCount(),
                    ownerOrganization ? r.getPublishedBy() : PUBLISHED_BY_OWNER,
                    r.getPublishedAt(),
                    r.getAnchorTransaction(),
                    r.getAnchoredBlock());
        }
    }

    @Inject
    ReviewService reviews;

    @Inject
    DataNetService dataNets;

    @Inject
    MemberNames names;

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
        Page<Contribution> queue = reviews.queue(actor.get(), id, page.request());
        return page.respond(queue.withItems(ContributionView.of(queue.items(), names, actor.get())));
    }

    @GET
    @Path("datanets/{id}/escalations")
    @Operation(summary = "Records escalated to the DataNet's owner")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response escalations(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        Page<Contribution> escalated = reviews.escalations(actor.get(), id, page.request());
        return page.respond(escalated.withItems(ContributionView.of(escalated.items(), names, actor.get())));
    }

    @GET
    @Path("contributions/{id}/reviews")
    @Operation(summary = "The reviews of a contribution")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response reviewsOf(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        // At most n votes per record (the review policy), so the slice is taken in memory.
        List<Review> votes = reviews.reviewsOf(actor.get(), id);
        MemberNames.Names named = names.forViewer(
                actor.get(), votes.stream().map(Review::getValidatorMemberId).toList());
        return page.respond(Page.slice(votes, page.request())
                .map(r -> new ReviewView(
                        named.of(r.getValidatorMemberId()), r.getVerdict().name(), r.getReason(), r.getCreatedAt())));
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
        return ContributionView.of(
                        List.of(reviews.review(actor.get(), id, r.verdict(), r.reason())), names, actor.get())
                .get(0);
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
        return ContributionView.of(List.of(reviews.rule(actor.get(), id, r.verdict(), r.reason())), names, actor.get())
                .get(0);
    }

    @GET
    @Path("datanets/{id}/releases")
    @Operation(summary = "The DataNet's releases, newest first")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response releases(@PathParam("id") UUID id, @BeanParam PageParameters page) {
        boolean own = dataNets.get(actor.get(), id).isOwnedBy(actor.get().tenantId());
        return page.respond(releases.releases(actor.get(), id, page.request()).map(r -> ReleaseView.of(r, own)));
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
                .entity(ReleaseView.of(releases.publish(actor.get(), id), true))
                .build();
    }

    @GET
    @Path("datanets/{id}/releases/{version}/proofs/{contribution}")
    @Operation(
            summary = "A record's Merkle proof in a release",
            description = "A record's Merkle proof in a release (keccak-256, OpenZeppelin-compatible).")
    @APIResponse(responseCode = "200", description = "The proof document")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public Response proof(
            @PathParam("id") UUID id, @PathParam("version") int version, @PathParam("contribution") UUID contribution) {
        return Response.ok(
                        releases.proof(actor.get(), id, version, contribution).toJson(), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"proof-" + contribution + ".json\"")
                .build();
    }

    @GET
    @Path("datanets/{id}/releases/{version}/export")
    @Produces("application/x-ndjson")
    @Operation(
            summary = "The release as JSON Lines with provenance",
            description = "The release as JSON Lines with provenance (record id, contributor, hash, leaf, " + "proof).")
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
