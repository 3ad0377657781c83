package io.tributary.web.tenancy;

import io.tributary.application.tenancy.ApiKeyService;
import io.tributary.application.tenancy.IssuedApiKey;
import io.tributary.persistence.Page;
import io.tributary.persistence.tenancy.ApiKey;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.TributaryApi;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's API keys; a key's secret appears once, in the answer to its creation. */
@Path("api-keys")
@Tag(name = "tenancy")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /**
     * An API key without its secret: an organization service key, or (with {@code memberId}) a member's personal
     * access token, whose roles are its scopes.
     */
    public record ApiKeyView(
            UUID id,
            String kind,
            String name,
            String prefix,
            List<String> roles,
            UUID memberId,
            String createdBy,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt) {
        public static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(
                    k.getId(),
                    k.isPersonal() ? "personal-access-token" : "service-key",
                    k.getName(),
                    k.getPrefix(),
                    k.getRoles().stream().map(Role::key).toList(),
                    k.getMemberId(),
                    k.getCreatedBy(),
                    k.getCreatedAt(),
                    k.getExpiresAt(),
                    k.getRevokedAt(),
                    k.getLastUsedAt());
        }
    }

    /** A key to issue. */
    public record IssueRequest(String name, List<String> roles) {}

    /** A freshly issued key and its secret. */
    public record IssuedView(ApiKeyView key, String secret) {
        /** Never the secret: records end up in logs and exception messages. */
        @Override
        public String toString() {
            return "IssuedView[key=" + key + ", secret=(hidden)]";
        }
    }

    @Inject
    ApiKeyService apiKeys;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "The organization's API keys, without secrets (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response list(@BeanParam PageParameters page) {
        // A tenant holds a handful of keys: they are sorted (newest first, then id) and sliced in memory.
        List<ApiKeyView> keys = apiKeys.list(actor.get()).stream()
                .map(ApiKeyView::of)
                .sorted(Comparator.comparing(ApiKeyView::createdAt).reversed().thenComparing(ApiKeyView::id))
                .toList();
        return page.respond(Page.slice(keys, page.request()));
    }

    @POST
    @Operation(
            summary = "Issue a key (org-admin)",
            description = "Issue a key (org-admin); the secret is in this answer only.")
    @APIResponse(responseCode = "201", description = "Issued")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response issue(IssueRequest request) {
        IssueRequest body = request == null ? new IssueRequest(null, null) : request;
        IssuedApiKey issued = apiKeys.issue(actor.get(), body.name(), body.roles());
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedView(ApiKeyView.of(issued.key()), issued.secret()))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a service key or any member's personal access token (org-admin)")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public ApiKeyView revoke(@PathParam("id") UUID id) {
        return ApiKeyView.of(apiKeys.revoke(actor.get(), id));
    }
}
