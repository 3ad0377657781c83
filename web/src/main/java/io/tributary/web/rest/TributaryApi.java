package io.tributary.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API, under {@code /api}. WildFly generates its OpenAPI document from these annotations and the resources'
 * ({@code /openapi}, also at {@code /api/openapi.yaml} and {@code /api/openapi.json}).
 *
 * <p>Each resource names the security schemes and shared error responses defined here: {@link #SERVICE_KEY} or
 * {@link #API_KEY_HEADER} or {@link #OIDC} ({@code @SecurityRequirement} on the class), and {@code @APIResponse(ref =
 * ...)} with {@link #PROBLEM}, {@link #UNAUTHENTICATED}, {@link #RATE_LIMITED} or {@link #UNAVAILABLE}.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Tributary API", version = "0.1.0", description = """
                                Tributary's REST API. Every call acts in one organization (tenant): the one an API key \
                                belongs to, or the signed-in user's organization for OIDC bearer tokens (a person in \
                                several organizations names one with the header `X-Tributary-Organization: <alias>`). \
                                Errors are RFC 9457 problem documents (application/problem+json); invalid input lists \
                                each field's problem under `errors`.

                                Lists page: `page` (from 1) and `size` (1 to 200, default 50); the body is a JSON array \
                                in a stable order, with the total in `X-Total-Count` and the neighbouring pages in \
                                `Link` (`rel="next"`, `rel="prev"`).

                                Writes (POST, PUT, PATCH, DELETE) are rate limited per API key and per member (default \
                                300 per 60 seconds); over the limit they answer 429 with `Retry-After` (seconds) and a \
                                problem document.
                                """),
        tags = {
            @Tag(
                    name = "tenancy",
                    description = "Organizations, members, invitations, API keys and personal access"
                            + " tokens, SSO connections, e-mail domain claims, notifications."),
            @Tag(name = "datanet", description = "DataNets and contributions: records, uploads, overviews."),
            @Tag(
                    name = "curation",
                    description = "Review of contributions: validators' queues and votes, owners'"
                            + " rulings, releases with their Merkle proofs and exports."),
            @Tag(
                    name = "rewards",
                    description = "Earnings, withdrawals, the organization's custodial wallet, treasury"
                            + " grants and payouts."),
            @Tag(
                    name = "attribution",
                    description = "Receipts of attributed inferences with their Merkle proofs, and model versions'"
                            + " fee splits."),
            @Tag(name = "audit", description = "The audit log."),
            @Tag(
                    name = "admin",
                    description = "Platform staff only (a platform admin's OIDC bearer token): tenants,"
                            + " domain claims, wallets, serving's Prometheus metrics."),
            @Tag(name = "platform", description = "Liveness.")
        },
        components =
                @Components(
                        securitySchemes = {
                            @SecurityScheme(
                                    securitySchemeName = TributaryApi.SERVICE_KEY,
                                    type = SecuritySchemeType.HTTP,
                                    scheme = "bearer",
                                    bearerFormat = "trb_…",
                                    description =
                                            "A personal access token (acts as its member, within its scopes and the"
                                                    + " roles the member still holds) or an organization service key"
                                                    + " (acts as `api-key:NAME`, never earns, never approves), sent as"
                                                    + " `Authorization: Bearer trb_…`."),
                            @SecurityScheme(
                                    securitySchemeName = TributaryApi.API_KEY_HEADER,
                                    type = SecuritySchemeType.APIKEY,
                                    in = SecuritySchemeIn.HEADER,
                                    apiKeyName = "X-Api-Key",
                                    description = "The same `trb_…` token or key, sent as `X-Api-Key: trb_…`."),
                            @SecurityScheme(
                                    securitySchemeName = TributaryApi.OIDC,
                                    type = SecuritySchemeType.HTTP,
                                    scheme = "bearer",
                                    bearerFormat = "JWT",
                                    description =
                                            "A Keycloak access token of the tributary realm issued to Tributary (aud"
                                                    + " tributary-web, typ Bearer). Under /api/admin only platform"
                                                    + " staff's tokens are accepted.")
                        },
                        responses = {
                            @APIResponse(
                                    name = TributaryApi.PROBLEM,
                                    description = "The request was refused; nothing changed.",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = TributaryApi.UNAUTHENTICATED,
                                    description = "No credentials, or credentials that are expired, revoked or"
                                            + " unknown; `WWW-Authenticate: Bearer`.",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = TributaryApi.RATE_LIMITED,
                                    description = "Too many writes from this API key or member in the current window;"
                                            + " nothing changed.",
                                    headers =
                                            @Header(
                                                    name = "Retry-After",
                                                    description = "Seconds until the window ends",
                                                    schema = @Schema(type = SchemaType.INTEGER)),
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = TributaryApi.UNAVAILABLE,
                                    description =
                                            "Custody or the chain node is unavailable (503) or the node refused the"
                                                    + " request (502); nothing was sent.",
                                    content =
                                            @Content(
                                                    mediaType = Problem.MEDIA_TYPE,
                                                    schema = @Schema(implementation = Problem.class)))
                        }))
public class TributaryApi extends Application {

    /** Security scheme: a personal access token or service key as {@code Authorization: Bearer trb_…}. */
    public static final String SERVICE_KEY = "apiKey";

    /** Security scheme: the same token or key as {@code X-Api-Key}. */
    public static final String API_KEY_HEADER = "apiKeyHeader";

    /** Security scheme: a Keycloak (OIDC) access token as {@code Authorization: Bearer}. */
    public static final String OIDC = "bearer";

    /** Shared response: a refusal as a problem document (400, 403, 404, 409, 422). */
    public static final String PROBLEM = "Problem";

    /** Shared response: 401, no valid credentials. */
    public static final String UNAUTHENTICATED = "Unauthenticated";

    /** Shared response: 429 with {@code Retry-After}. */
    public static final String RATE_LIMITED = "RateLimited";

    /** Shared response: 502/503, custody or the chain node failed. */
    public static final String UNAVAILABLE = "Unavailable";

    /** The header a caller repeats a write with to get the first answer again. */
    public static final String IDEMPOTENCY_KEY_DESCRIPTION =
            "Repeating a request with the same key (1 to 200 printable characters) from the same caller (member or"
                    + " key), with the same method, path and body, returns the first request's result; the same key"
                    + " with a different request is refused with 422.";
}
