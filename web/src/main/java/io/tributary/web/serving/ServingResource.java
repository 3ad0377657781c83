package io.tributary.web.serving;

import io.tributary.application.rewards.BalanceView;
import io.tributary.application.rewards.PrepaidCredits;
import io.tributary.application.serving.Metering;
import io.tributary.application.serving.ModelCatalogue;
import io.tributary.application.serving.ServingViews.LimitsView;
import io.tributary.application.serving.ServingViews.ServedModelView;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The organization's side of serving: prepaid credits (read; top up from the treasury), its served models (public or
 * private, which version answers), its usage and the use of its models, its limits.
 */
@Path("serving")
@Tag(name = "serving")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class ServingResource {

    /** TRIB to move from the treasury into prepaid credits. */
    public record TopUp(BigDecimal amount) {}

    /** What to change about a served model: public or private, and the version its name answers with. */
    public record ModelChange(Boolean isPublic, Integer version) {}

    @Inject
    PrepaidCredits credits;

    @Inject
    ModelCatalogue catalogue;

    @Inject
    Metering metering;

    @Inject
    CurrentActor actor;

    @Operation(summary = "The organization's prepaid credits for inference (TRIB base units)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("credits")
    public BalanceView credits() {
        return credits.balance(actor.get().requireTenant());
    }

    @Operation(summary = "Top up prepaid credits from the organization's treasury (org-admin; audited)")
    @APIResponse(responseCode = "200", description = "The credits after the top-up")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @POST
    @Path("credits")
    @Consumes(MediaType.APPLICATION_JSON)
    public BalanceView topUp(TopUp request) {
        return credits.topUp(actor.get(), request == null ? null : request.amount());
    }

    @Operation(summary = "The organization's served models, their versions and whether they are public")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("models")
    public List<ServedModelView> models() {
        return catalogue.mine(actor.get());
    }

    @Operation(
            summary = "Make a served model public or private, or move its name to another version (a hot swap);"
                    + " model-builder or org-admin")
    @APIResponse(responseCode = "200", description = "The model")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @PUT
    @Path("models/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ServedModelView change(@PathParam("name") String name, ModelChange change) {
        ServedModelView model = null;
        if (change != null && change.version() != null) {
            model = catalogue.moveTo(actor.get(), name, change.version());
        }
        if (change != null && change.isPublic() != null) {
            model = catalogue.share(actor.get(), name, change.isPublic());
        }
        if (model == null) {
            throw new io.tributary.application.InvalidInput("isPublic", "Say isPublic (true or false) or version.");
        }
        return model;
    }

    @Operation(summary = "The organization's inference requests, newest first (paged)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @GET
    @Path("usage")
    public Response usage(@BeanParam PageParameters page) {
        return page.respond(metering.usage(actor.get(), page.request()));
    }

    @Operation(summary = "Requests to the organization's models from every caller, newest first (paged)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("model-usage")
    public Response modelUsage(@BeanParam PageParameters page) {
        return page.respond(metering.useOfOurModels(actor.get(), page.request()));
    }

    @Operation(summary = "The organization's serving limits and this month's tokens")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("limits")
    public LimitsView limits() {
        return metering.myLimits(actor.get());
    }
}
