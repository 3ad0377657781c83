package io.tributary.web.tenancy;

import io.tributary.application.tenancy.ApiKeyService;
import io.tributary.application.tenancy.ApiKeyView;
import io.tributary.application.tenancy.IssuedApiKey;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
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

/** The caller's personal access tokens: they act as the caller, within the scopes given and the roles still held. */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** A token to issue: a name, scopes (role keys; all the caller's roles when empty) and days until it expires. */
    public record TokenRequest(String name, List<String> scopes, Integer expiresInDays) {}

    @Inject
    ApiKeyService apiKeys;

    @Inject
    CurrentActor actor;

    @GET
    public List<ApiKeyView> list() {
        return apiKeys.personal(actor.get());
    }

    @POST
    public Response issue(TokenRequest request) {
        TokenRequest body = request == null ? new TokenRequest(null, null, null) : request;
        IssuedApiKey issued = apiKeys.issuePersonal(actor.get(), body.name(), body.scopes(), body.expiresInDays());
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @DELETE
    @Path("{id}")
    public ApiKeyView revoke(@PathParam("id") UUID id) {
        return apiKeys.revokePersonal(actor.get(), id);
    }
}
