package io.tributary.web.tenancy;

import io.tributary.application.tenancy.ApiKeyService;
import io.tributary.application.tenancy.IssuedApiKey;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.tenancy.ApiKeyResource.ApiKeyView;
import io.tributary.web.tenancy.ApiKeyResource.IssuedView;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's personal access tokens: they act as the caller, within the scopes given and the roles still held. */
@Path("tokens")
@Tag(name = "tenancy")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
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
    @Operation(summary = "The caller's personal access tokens, without secrets")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public List<ApiKeyView> list() {
        return apiKeys.personal(actor.get()).stream().map(ApiKeyView::of).toList();
    }

    @POST
    @Operation(
            summary = "Issue the signed-in caller a personal access token that acts as them",
            description = "Issue the signed-in caller a personal access token that acts as them; scopes are "
                    + "roles they hold (all of them when empty); the secret is in this answer only.")
    @APIResponse(responseCode = "201", description = "Issued")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response issue(TokenRequest request) {
        TokenRequest body = request == null ? new TokenRequest(null, null, null) : request;
        IssuedApiKey issued = apiKeys.issuePersonal(actor.get(), body.name(), body.scopes(), body.expiresInDays());
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedView(ApiKeyView.of(issued.key()), issued.secret()))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke one of the caller's personal access tokens")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public ApiKeyView revoke(@PathParam("id") UUID id) {
        return ApiKeyView.of(apiKeys.revokePersonal(actor.get(), id));
    }
}
