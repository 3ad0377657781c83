package io.tributary.web.admin;

import io.tributary.application.events.DeliveryView;
import io.tributary.application.events.EventLog;
import io.tributary.web.rest.PageParameters;
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

/** The event outbox's deliveries, for platform staff: what is pending, delivered or failing, and retrying failures. */
@Path("admin/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventAdminResource {

    @Inject
    EventLog events;

    @Inject
    CurrentActor actor;

    @GET
    public Response list(
            @QueryParam("type") String type, @QueryParam("status") String status, @BeanParam PageParameters page) {
        return page.respond(events.deliveries(actor.get(), type, status, page.request()));
    }

    @GET
    @Path("{id}")
    public DeliveryView one(@PathParam("id") UUID id) {
        return events.delivery(actor.get(), id);
    }

    @POST
    @Path("{id}/retry")
    public DeliveryView retry(@PathParam("id") UUID id) {
        return events.retry(actor.get(), id);
    }
}
