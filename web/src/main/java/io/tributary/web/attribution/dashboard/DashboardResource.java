package io.tributary.web.attribution.dashboard;

import io.tributary.application.attribution.dashboard.EarningsDashboards;
import io.tributary.application.attribution.dashboard.EarningsDashboards.ContributorDashboard;
import io.tributary.application.attribution.dashboard.EarningsDashboards.ModelOwnerDashboard;
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

/** The earnings dashboards as JSON and CSV. */
@Path("dashboards")
@Tag(name = "attribution")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    @Inject
    EarningsDashboards dashboards;

    @Inject
    CurrentActor actor;

    @GET
    @Path("contributor")
    @Operation(
            summary = "The caller's earnings as a contributor",
            description = "From the receipts that paid the caller: base units per UTC day and model (last 90 days),"
                    + " per DataNet (each receipt's payment shared by the weights of the caller's credited records),"
                    + " and the caller's most influential records.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public ContributorDashboard contributor() {
        return dashboards.contributor(actor.get());
    }

    @GET
    @Path("contributor.csv")
    @Produces("text/csv")
    @Operation(summary = "The caller's contributor earnings by day and model, as CSV")
    @APIResponse(responseCode = "200", description = "text/csv")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response contributorCsv() {
        return Response.ok(dashboards.contributorCsv(actor.get()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"contributor-earnings.csv\"")
                .build();
    }

    @GET
    @Path("model-owner")
    @Operation(
            summary = "The organization's models: requests, tokens, revenue, split paid, DataNets behind them",
            description = "For model builders and org admins of the owning organization.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public ModelOwnerDashboard modelOwner() {
        return dashboards.modelOwner(actor.get());
    }

    @GET
    @Path("model-owner.csv")
    @Produces("text/csv")
    @Operation(summary = "The organization's models' figures, as CSV")
    @APIResponse(responseCode = "200", description = "text/csv")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response modelOwnerCsv() {
        return Response.ok(dashboards.modelOwnerCsv(actor.get()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"model-earnings.csv\"")
                .build();
    }
}
