package io.tributary.web.tenancy;

import io.tributary.application.tenancy.ApiKeyService;
import io.tributary.application.tenancy.ApiKeyView;
import io.tributary.application.tenancy.IssuedApiKey;
import io.tributary.persistence.Page;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The organization's API keys; a key's secret appears once, in the answer to its creation. */
@Path("api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** A key to issue. */
    public record IssueRequest(String name, List<String> roles) {}

    @Inject
    ApiKeyService apiKeys;

    @Inject
    CurrentActor actor;

    @GET
    public Response list(@BeanParam PageParameters page) {
        // A tenant holds a handful of keys: the service sorts them (newest first, then id), they are sliced in memory.
        return page.respond(Page.slice(apiKeys.list(actor.get()), page.request()));
    }

    @POST
    public Response issue(IssueRequest request) {
        IssueRequest body = request == null ? new IssueRequest(null, null) : request;
        IssuedApiKey issued = apiKeys.issue(actor.get(), body.name(), body.roles());
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @DELETE
    @Path("{id}")
    public ApiKeyView revoke(@PathParam("id") UUID id) {
        return apiKeys.revoke(actor.get(), id);
    }
}
