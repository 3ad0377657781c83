package io.tributary.web.attribution.dashboard;

import io.tributary.application.attribution.dashboard.EarningsDashboards;
import io.tributary.application.attribution.dashboard.EarningsDashboards.PlatformDashboard;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform staff's attribution figures: volume, fee income, attribution latency and backlog, open disputes. */
@Path("admin/attribution")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class AttributionAdminResource {

    @Inject
    EarningsDashboards dashboards;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(
            summary = "Attribution across the platform, last day and last 30 days",
            description = "Receipts, tokens, charges, the platform's fee income, attribution latency (median and p95,"
                    + " ms from served to attributed), receipts not yet sealed or anchored, open disputes.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public PlatformDashboard figures() {
        return dashboards.platform(actor.get());
    }

    @GET
    @Path("figures.csv")
    @Produces("text/csv")
    @Operation(summary = "The same figures as CSV")
    @APIResponse(responseCode = "200", description = "text/csv")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response csv() {
        return Response.ok(dashboards.platformCsv(actor.get()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"attribution.csv\"")
                .build();
    }
}
