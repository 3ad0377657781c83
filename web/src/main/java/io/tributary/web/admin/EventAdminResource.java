package io.tributary.web.admin;

import io.tributary.application.events.DeliveryView;
import io.tributary.application.events.EventLog;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The event outbox's deliveries, for platform staff: what is pending, delivered or failing, and retrying failures. */
@Path("admin/events")
@Tag(name = "admin")
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventAdminResource {

    @Inject
    EventLog events;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(
            summary = "Event deliveries of the outbox, newest events first (platform staff)",
            description = "Each item is one event's delivery to one observer: PENDING, FAILED (with attempts, the last"
                    + " error and the next attempt, absent once it stopped retrying) or DELIVERED.")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response list(
            @Parameter(description = "Only this event type, such as ReleasePublished") @QueryParam("type") String type,
            @Parameter(description = "Only PENDING, FAILED or DELIVERED") @QueryParam("status") String status,
            @BeanParam PageParameters page) {
        return page.respond(events.deliveries(actor.get(), type, status, page.request()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One event delivery with its attempts and last error (platform staff)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    public DeliveryView one(@PathParam("id") UUID id) {
        return events.delivery(actor.get(), id);
    }

    @POST
    @Path("{id}/retry")
    @Operation(
            summary = "Retry a failed delivery now (platform staff)",
            description = "Makes a FAILED delivery due at once; its attempts and last error stay. Anything else"
                    + " answers 409.")
    @APIResponse(responseCode = "200", description = "Due now")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public DeliveryView retry(@PathParam("id") UUID id) {
        return events.retry(actor.get(), id);
    }
}
