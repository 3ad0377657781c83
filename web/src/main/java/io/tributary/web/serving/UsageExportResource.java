package io.tributary.web.serving;

import io.tributary.application.serving.UsageReports;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serving usage as CSV: the calling organization's requests, and the requests to its models. */
@Path("serving/exports")
@Tag(name = "serving")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
public class UsageExportResource {

    @Inject
    UsageReports reports;

    @Inject
    CurrentActor actor;

    @GET
    @Path("usage.csv")
    @Produces("text/csv")
    @Operation(summary = "The organization's calls to models as CSV (caller, model, tokens, latency, spend)")
    @APIResponse(responseCode = "200", description = "text/csv")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response usage() {
        return csv(reports.callerCsv(actor.get()), "serving-usage.csv");
    }

    @GET
    @Path("model-usage.csv")
    @Produces("text/csv")
    @Operation(summary = "Requests to the organization's models as CSV (model, tokens, latency, revenue; no callers)")
    @APIResponse(responseCode = "200", description = "text/csv")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response modelUsage() {
        return csv(reports.ownerCsv(actor.get()), "model-usage.csv");
    }

    private static Response csv(String body, String name) {
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }
}
