package io.tributary.web.tenancy;

import io.tributary.application.tenancy.Inbox;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's in-app notifications. */
@Path("notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    Inbox inbox;

    @Inject
    CurrentActor actor;

    @GET
    public Response latest(@BeanParam PageParameters page) {
        return page.respond(inbox.page(actor.get(), page.request()));
    }

    @POST
    @Path("read")
    public Response markAllRead() {
        inbox.markAllRead(actor.get());
        return Response.noContent().build();
    }
}
