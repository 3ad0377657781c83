package io.tributary.web.attribution;

import io.tributary.application.attribution.AttributionQuality;
import io.tributary.application.attribution.AttributionQuality.QualityView;
import io.tributary.application.attribution.AttributionStatus;
import io.tributary.application.attribution.AttributionStatus.IndexStatus;
import io.tributary.application.attribution.FeeSplitService;
import io.tributary.application.attribution.FeeSplitService.BoundsView;
import io.tributary.application.attribution.FeeSplitService.SplitView;
import io.tributary.persistence.attribution.Shares;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Model versions' public fee splits, the bounds platform staff set for them, and versions' attribution state. */
@Path("")
@Tag(name = "attribution")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class FeeSplitResource {

    /** A split in basis points (1/100 %), summing to 10,000. */
    public record SplitRequest(Integer contributorsBp, Integer validatorsBp, Integer ownerBp, Integer platformBp) {
        Shares shares() {
            return contributorsBp == null || validatorsBp == null || ownerBp == null || platformBp == null
                    ? null
                    : new Shares(contributorsBp, validatorsBp, ownerBp, platformBp);
        }
    }

    /** The lowest and highest share per role. */
    public record BoundsRequest(SplitRequest min, SplitRequest max) {}

    @Inject
    FeeSplitService splits;

    @Inject
    AttributionStatus status;

    @Inject
    AttributionQuality quality;

    @Inject
    CurrentActor actor;

    @GET
    @Path("models/{versionId}/split")
    @Operation(
            summary = "A model version's fee split",
            description = "Contributors, validators, model owner and platform in basis points; the defaults until"
                    + " the owner chooses; fixed once the version has served.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public SplitView split(@PathParam("versionId") UUID versionId) {
        return splits.view(actor.get(), versionId);
    }

    @PUT
    @Path("models/{versionId}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Choose a model version's fee split (its owner's model builders, within staff's bounds)",
            description = "Refused with 409 once the version has served an inference.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    public SplitView choose(@PathParam("versionId") UUID versionId, SplitRequest request) {
        return splits.choose(actor.get(), versionId, request == null ? null : request.shares());
    }

    @GET
    @Path("models/{versionId}/attribution")
    @Operation(
            summary = "Whether the organization's model version can be attributed: its index, records, method",
            description = "The index is built when the training run completes (or on the first inference of a"
                    + " version published before attribution existed).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public IndexStatus attribution(@PathParam("versionId") UUID versionId) {
        return status.of(actor.get(), versionId);
    }

    @GET
    @Path("models/{versionId}/attribution-quality")
    @Operation(
            summary = "A model version's attribution quality: its method and measured fidelity, goal by goal",
            description = "The method that attributes the version's answers (name, version, in words) and how faithful"
                    + " it measured: record- and contributor-level LDS, planted-fact recall, detection of corrupted"
                    + " and mislabeled records, scoring speed, each against its goal, met or not. basis says whose"
                    + " evaluation the figures are: today the reference evaluation of the shipped base and the default"
                    + " recipe (REFERENCE), or of another base than the version's (REFERENCE_OTHER_BASE). Public, like"
                    + " the fee split.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public QualityView attributionQuality(@PathParam("versionId") UUID versionId) {
        return quality.of(actor.get(), versionId);
    }

    @GET
    @Path("split-bounds")
    @Operation(summary = "The bounds platform staff allow for each share, and the defaults")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public BoundsView bounds() {
        actor.get();
        return splits.bounds();
    }

    @PUT
    @Path("admin/split-bounds")
    @Tag(name = "admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the bounds of every fee split (platform staff)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public BoundsView setBounds(BoundsRequest request) {
        return splits.setBounds(
                actor.get(),
                request == null || request.min() == null ? null : request.min().shares(),
                request == null || request.max() == null ? null : request.max().shares());
    }
}
