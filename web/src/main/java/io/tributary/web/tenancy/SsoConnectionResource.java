package io.tributary.web.tenancy;

import io.tributary.application.tenancy.SsoService;
import io.tributary.persistence.Page;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.SsoConnection;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's enterprise SSO connections. */
@Path("sso-connections")
@Tag(name = "tenancy")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SsoConnectionResource {

    /**
     * A connection as shown (the client secret is never returned); {@code active} once its domain is verified.
     */
    public record SsoConnectionView(
            UUID id,
            String displayName,
            String issuerUrl,
            String clientId,
            String emailDomain,
            List<String> roles,
            boolean active) {
        static SsoConnectionView of(SsoConnection c, boolean active) {
            return new SsoConnectionView(
                    c.getId(),
                    c.getDisplayName(),
                    c.getIssuerUrl(),
                    c.getClientId(),
                    c.getEmailDomain(),
                    c.getDefaultRoles().stream().map(Role::key).toList(),
                    active);
        }
    }

    /** A company's OIDC provider to connect. */
    public record ConnectRequest(
            String displayName,
            String issuerUrl,
            String clientId,
            String clientSecret,
            String emailDomain,
            List<String> defaultRoles) {
        /** Never the client secret: records end up in logs and exception messages. */
        @Override
        public String toString() {
            return "ConnectRequest[displayName=" + displayName + ", issuerUrl=" + issuerUrl + ", clientId=" + clientId
                    + ", clientSecret=(hidden), emailDomain=" + emailDomain + ", defaultRoles=" + defaultRoles + "]";
        }
    }

    @Inject
    SsoService sso;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "The organization's SSO connections (org-admin)")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    public Response list(@BeanParam PageParameters page) {
        // A tenant connects a handful of providers (in the order connected, then id): sliced in memory.
        return page.respond(Page.slice(sso.connections(actor.get()), page.request())
                .map(c -> SsoConnectionView.of(c, sso.isActive(c))));
    }

    @POST
    @Operation(
            summary = "Connect a company OpenID Connect provider (org-admin)",
            description = "Connect a company OpenID Connect provider (org-admin). The issuer must be https "
                    + "on a public address. The e-mail domain is claimed for the organization (409 when "
                    + "another holds it); the connection is active only once the claim is verified (DNS "
                    + "TXT record, see /domain-claims, or platform staff approval).")
    @APIResponse(responseCode = "201", description = "Connected")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response connect(ConnectRequest request) {
        ConnectRequest r = request == null ? new ConnectRequest(null, null, null, null, null, null) : request;
        SsoConnection connection = sso.connect(
                actor.get(),
                r.displayName(),
                r.issuerUrl(),
                r.clientId(),
                r.clientSecret(),
                r.emailDomain(),
                r.defaultRoles());
        return Response.status(Response.Status.CREATED)
                .entity(SsoConnectionView.of(connection, sso.isActive(connection)))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Disconnect (org-admin)")
    @APIResponse(responseCode = "204", description = "Disconnected")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    public Response disconnect(@PathParam("id") UUID id) {
        sso.disconnect(actor.get(), id);
        return Response.noContent().build();
    }
}
