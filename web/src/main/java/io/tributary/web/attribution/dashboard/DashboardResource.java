package io.tributary.web.attribution.dashboard;

import io.tributary.application.attribution.dashboard.EarningsDashboards;
import io.tributary.application.attribution.dashboard.EarningsDashboards.ContributorDashboard;
import io.tributary.application.attribution.dashboard.EarningsDashboards.DataNetOwnerDashboard;
import io.tributary.application.attribution.dashboard.EarningsDashboards.ModelOwnerDashboard;
import io.tributary.application.attribution.dashboard.EarningsDashboards.OwnedDataNet;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
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

    @GET
    @Path("datanet-owner")
    @Operation(
            summary = "The DataNets whose owner's dashboard the caller may see",
            description = "The DataNets the caller created, and every DataNet of their organization for its admins.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public List<OwnedDataNet> ownedDataNets() {
        return dashboards.ownedDataNets(actor.get());
    }

    @GET
    @Path("datanet-owner/{dataNetId}")
    @Operation(
            summary = "A DataNet owner's dashboard: the models using its releases, what its people were paid",
            description = "Every organization's model versions trained on the DataNet's releases (another"
                    + " organization's private model named only by its organization), and from receipts what the"
                    + " DataNet's contributors and validators were paid through each, per UTC day (last 90 days) and"
                    + " in all, in base units. For the DataNet's creator and its organization's admins: another"
                    + " organization's DataNet is 404, another member of the organization gets 403.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public DataNetOwnerDashboard dataNetOwner(@PathParam("dataNetId") UUID dataNetId) {
        return dashboards.dataNetOwner(actor.get(), dataNetId);
    }

    @GET
    @Path("datanet-owner/{dataNetId}/export.csv")
    @Produces("text/csv")
    @Operation(
            summary = "A DataNet owner's dashboard as CSV: one row per model version, or per day with rows=days",
            description = "Amounts in TRIB.")
    @APIResponse(responseCode = "200", description = "text/csv")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public Response dataNetOwnerCsv(@PathParam("dataNetId") UUID dataNetId, @QueryParam("rows") String rows) {
        boolean days = "days".equals(rows);
        if (rows != null && !days && !"models".equals(rows)) {
            throw new io.tributary.application.InvalidInput("rows", "Use rows=models (the default) or rows=days.");
        }
        return Response.ok(dashboards.dataNetOwnerCsv(actor.get(), dataNetId, days), "text/csv; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"datanet-" + dataNetId + (days ? "-days" : "-models") + ".csv\"")
                .build();
    }
}
