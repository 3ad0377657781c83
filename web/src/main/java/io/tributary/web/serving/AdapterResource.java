package io.tributary.web.serving;

import io.tributary.application.serving.AdapterManagement;
import io.tributary.application.serving.AdapterManagement.Action;
import io.tributary.application.serving.AdapterManagement.AdapterState;
import io.tributary.application.serving.AdapterManagement.Overview;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Adapter management on this node: what is resident, and loading, unloading, pinning and unpinning a published
 * model's adapter (an organization's admins and model builders for its models, platform staff for all; audited).
 */
@Path("serving/adapters")
@Tag(name = "serving")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class AdapterResource {

    /** The model whose adapter to act on: {@code org/model} (its current version) or {@code org/model@3}. */
    public record ModelRef(String model) {}

    @Inject
    AdapterManagement adapters;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(
            summary = "What this node serves",
            description = "Requests queued or running, and per base model: running sequences, the adapter cache's"
                    + " budget, resident bytes, hits, misses, loads, evictions, cold-load p50/p99, and the resident"
                    + " adapters (rank, bytes, pinned, hits, last use, cold-load time) of the caller's models"
                    + " (platform staff: of every model).")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Overview overview() {
        return adapters.overview(actor.get());
    }

    @POST
    @Path("load")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Load a model's adapter now, so its first request does not wait for a cold load")
    @APIResponse(responseCode = "200", description = "Resident")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public AdapterState load(ModelRef ref) {
        return apply(ref, Action.LOAD);
    }

    @POST
    @Path("unload")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Drop a model's adapter from memory (409 while a request uses it)")
    @APIResponse(responseCode = "200", description = "Not resident")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public AdapterState unload(ModelRef ref) {
        return apply(ref, Action.UNLOAD);
    }

    @POST
    @Path("pin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keep a model's adapter resident (loaded if needed) until unpinned: never evicted")
    @APIResponse(responseCode = "200", description = "Resident and pinned")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public AdapterState pin(ModelRef ref) {
        return apply(ref, Action.PIN);
    }

    @POST
    @Path("unpin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Let a model's adapter be evicted again when room is needed")
    @APIResponse(responseCode = "200", description = "Unpinned")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public AdapterState unpin(ModelRef ref) {
        return apply(ref, Action.UNPIN);
    }

    private AdapterState apply(ModelRef ref, Action action) {
        return adapters.apply(actor.get(), ref == null ? null : ref.model(), action);
    }
}
