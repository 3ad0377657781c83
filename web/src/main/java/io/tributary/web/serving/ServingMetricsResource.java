package io.tributary.web.serving;

import io.tributary.application.serving.PrometheusText;
import io.tributary.application.serving.ServingMetrics;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serving's metrics for a Prometheus scraper run by platform staff. */
@Path("admin/metrics")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.OIDC)
public class ServingMetricsResource {

    @Inject
    ServingMetrics metrics;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(
            summary = "Serving's metrics in Prometheus text format 0.0.4 (platform staff)",
            description = "Per model and calling organization: tributary_serving_requests_total (by outcome), prompt"
                    + " and completion tokens, and the histograms tributary_serving_time_to_first_token_seconds and"
                    + " tributary_serving_time_per_output_token_seconds; per base model: queue depth, running"
                    + " sequences, and the adapter cache's hits, misses, loads, evictions and resident bytes. Counters"
                    + " count since the server started.")
    @APIResponse(responseCode = "200", description = "The scrape", content = @Content(mediaType = "text/plain"))
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response scrape() {
        return Response.ok(metrics.prometheus(actor.get()), PrometheusText.CONTENT_TYPE)
                .build();
    }
}
