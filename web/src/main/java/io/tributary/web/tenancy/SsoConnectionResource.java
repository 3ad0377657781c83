package io.tributary.web.tenancy;

import io.tributary.application.tenancy.SsoService;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.SsoConnection;
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

/** The organization's enterprise SSO connections. */
@Path("sso-connections")
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
            List<String> defaultRoles) {}

    @Inject
    SsoService sso;

    @Inject
    CurrentActor actor;

    @GET
    public List<SsoConnectionView> list() {
        return sso.connections(actor.get()).stream()
                .map(c -> SsoConnectionView.of(c, sso.isActive(c)))
                .toList();
    }

    @POST
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
    public Response disconnect(@PathParam("id") UUID id) {
        sso.disconnect(actor.get(), id);
        return Response.noContent().build();
    }
}
