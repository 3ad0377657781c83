package io.tributary.web.datanet;

import io.tributary.application.curation.ReviewService;
import io.tributary.application.datanet.ContributionService;
import io.tributary.application.datanet.DataNetDraft;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.persistence.Page;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.web.datanet.DataNetViews.ContributionView;
import io.tributary.web.datanet.DataNetViews.DataNetView;
import io.tributary.web.datanet.DataNetViews.UploadView;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** DataNets, contributing to them, and the caller's own contributions. */
@Path("")
@Tag(name = "datanet")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class DataNetResource {

    /** A DataNet's figures: records per status, contributors' standings, validators' agreement. */
    public record Overview(
            DataNetView dataNet,
            Map<String, Long> records,
            List<Standing> leaderboard,
            List<ReviewService.ValidatorStanding> validators) {}

    /** A contributor's standing in one DataNet. */
    public record Standing(String contributor, long accepted, long decided, double acceptanceRate) {}

    @Inject
    DataNetService dataNets;

    @Inject
    ContributionService contributions;

    @Inject
    ContributionRepository records;

    @Inject
    ReviewService reviews;

    @Inject
    MemberNames names;

    @Inject
    CurrentActor actor;

    @GET
    @Path("datanets")
    @Operation(summary = "The caller's organization's DataNets and every public one")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response list(@BeanParam PageParameters page) {
        return page.respond(dataNets.list(actor.get(), page.request()).map(DataNetView::of));
    }

    @POST
    @Path("datanets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a DataNet (model-builder or org-admin)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response create(DataNetDraft draft) {
        return Response.status(Response.Status.CREATED)
                .entity(DataNetView.of(dataNets.create(actor.get(), draft)))
                .build();
    }

    @GET
    @Path("datanets/{id}")
    @Operation(summary = "One DataNet", description = "One DataNet; 404 for another organization's private DataNet.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public DataNetView get(@PathParam("id") UUID id) {
        return DataNetView.of(dataNets.get(actor.get(), id));
    }

    @PUT
    @Path("datanets/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revise description, domain, tags and contribution rules (owner)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public DataNetView revise(@PathParam("id") UUID id, DataNetDraft draft) {
        return DataNetView.of(dataNets.revise(actor.get(), id, draft == null ? DataNetDraft.EMPTY : draft));
    }

    @GET
    @Path("datanets/{id}/overview")
    @Operation(summary = "Records per status, the contributor leaderboard and validators' agreement")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Overview overview(@PathParam("id") UUID id) {
        var dataNet = dataNets.get(actor.get(), id);
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        records.countByStatus(id).forEach((s, n) -> counts.put(s.name(), n));
        List<Standing> leaderboard = reviews.leaderboard(actor.get(), id).stream()
                .map(s -> new Standing(s.contributor(), s.accepted(), s.decided(), s.acceptanceRate()))
                .toList();
        return new Overview(DataNetView.of(dataNet), counts, leaderboard, reviews.standings(actor.get(), id));
    }

    /** Streams a file (any content type) into the DataNet; its type comes from {@code fileName}. */
    @POST
    @Path("datanets/{id}/uploads")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Stream a file into the DataNet (contributor)",
            description = "Stream a file into the DataNet (contributor); the type comes from fileName.")
    @APIResponse(responseCode = "201", description = "Records received")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response upload(@PathParam("id") UUID id, @QueryParam("fileName") String fileName, InputStream body) {
        return Response.status(Response.Status.CREATED)
                .entity(UploadView.of(contributions.contribute(actor.get(), id, fileName, body)))
                .build();
    }

    /** One record, its fields as a JSON object of strings. */
    @POST
    @Path("datanets/{id}/records")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Contribute one record, its fields as a JSON object of strings",
            description = "Contribute one record, its fields as a JSON object of strings (contributor).")
    @APIResponse(responseCode = "201", description = "Received")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response submit(@PathParam("id") UUID id, Map<String, String> fields) {
        return Response.status(Response.Status.CREATED)
                .entity(UploadView.of(contributions.submit(actor.get(), id, fields)))
                .build();
    }

    @GET
    @Path("contributions/mine")
    @Operation(summary = "The caller's own contributions with status, checks and reasons")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response mine(@BeanParam PageParameters page) {
        Page<Contribution> mine = contributions.mine(actor.get(), page.request());
        return page.respond(mine.withItems(ContributionView.of(mine.items(), names, actor.get())));
    }

    @GET
    @Path("contributions/{id}")
    @Operation(
            summary = "One contribution",
            description = "One contribution (its contributor, or the DataNet's validators and owner).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public ContributionView contribution(@PathParam("id") UUID id) {
        return ContributionView.of(List.of(reviews.visible(actor.get(), id)), names, actor.get())
                .get(0);
    }
}
