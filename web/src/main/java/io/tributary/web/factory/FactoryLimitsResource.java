package io.tributary.web.factory;

import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryViews.LimitsView;
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

/** Platform staff: each organization's training limits (runs at once, training tokens per month). */
@Path("admin/factory/limits")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class FactoryLimitsResource {

    /** New limits for an organization. */
    public record LimitsRequest(int maxConcurrentRuns, long monthlyTokenQuota) {}

    @Inject
    FactoryService factory;

    @Inject
    CurrentActor actor;

    @Inject
    io.tributary.application.factory.BaseCatalogue catalogue;

    @Operation(summary = "Every organization's training limits and this month's use (platform staff)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    public java.util.List<io.tributary.application.factory.BaseCatalogue.OrganizationLimits> all() {
        return catalogue.limits(actor.get());
    }

    @Operation(summary = "An organization's training limits (platform staff)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("{tenantId}")
    public LimitsView limits(@PathParam("tenantId") UUID tenantId) {
        return factory.limits(actor.get(), tenantId);
    }

    @Operation(summary = "Set an organization's training limits (platform staff)")
    @APIResponse(responseCode = "200", description = "The limits")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @PUT
    @Path("{tenantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public LimitsView set(@PathParam("tenantId") UUID tenantId, LimitsRequest request) {
        LimitsRequest r = request == null ? new LimitsRequest(-1, -1) : request;
        return factory.setLimits(actor.get(), tenantId, r.maxConcurrentRuns(), r.monthlyTokenQuota());
    }
}
