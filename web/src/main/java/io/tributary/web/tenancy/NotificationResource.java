package io.tributary.web.tenancy;

import io.tributary.application.tenancy.Inbox;
import io.tributary.persistence.tenancy.Notification;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's in-app notifications. */
@Path("notifications")
@Tag(name = "tenancy")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    /** One notification. */
    public record NotificationView(UUID id, String message, String link, Instant at, boolean read) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.getId(), n.getMessage(), n.getLink(), n.getCreatedAt(), n.isRead());
        }
    }

    @Inject
    Inbox inbox;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "The caller's latest in-app notifications")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response latest(@BeanParam PageParameters page) {
        return page.respond(inbox.page(actor.get(), page.request()).map(NotificationView::of));
    }

    @POST
    @Path("read")
    @Operation(summary = "Mark all the caller's notifications read")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response markAllRead() {
        inbox.markAllRead(actor.get());
        return Response.noContent().build();
    }
}
