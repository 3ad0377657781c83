package io.tributary.application.tenancy;

import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.SsoConnection;
import io.tributary.persistence.tenancy.SsoConnectionRepository;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Connecting an organization's own OpenID Connect identity provider, so its people sign in with company accounts. */
@Stateless
public class SsoService {

    private static final Pattern URL = Pattern.compile("^https?://[^\\s/$.?#][^\\s]*$");

    @Inject
    SsoConnectionRepository connections;

    @Inject
    TenantRepository tenants;

    @Inject
    OrganizationDirectory directory;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public List<SsoConnection> connections(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "sso.list", null);
        return connections.all();
    }

    public SsoConnection connect(
            Actor actor,
            String displayName,
            String issuerUrl,
            String clientId,
            String clientSecret,
            String emailDomain,
            Collection<String> defaultRoleKeys) {
        audit.demand(actor, Role.ORG_ADMIN, "sso.connect", emailDomain);
        InputCheck check = new InputCheck();
        String name = check.text("displayName", displayName, 100);
        String issuer = check.matches("issuerUrl", issuerUrl, URL, "must be an http(s) URL.");
        String client = check.text("clientId", clientId, 200);
        String secret = check.text("clientSecret", clientSecret, 500);
        String domain = check.domain("emailDomain", emailDomain);
        Set<Role> roles = check.roles("defaultRoles", defaultRoleKeys);
        check.done();
        if (connections.findByEmailDomain(domain).isPresent()) {
            throw new Conflict("Your organization already has an SSO connection for " + domain + ".");
        }
        Tenant tenant = tenants.find(actor.requireTenant()).orElseThrow();
        String idpAlias = tenant.getAlias() + "-" + domain.replace('.', '-');
        SsoConnection connection = new SsoConnection(idpAlias, name, issuer, client, domain, roles);
        connections.add(connection);
        em.flush();
        directory.connectIdentityProvider(
                tenant.getKeycloakOrganizationId(), idpAlias, name, issuer, client, secret, domain);
        audit.changed(actor, tenant.getId(), "sso.connect", domain, issuer);
        return connection;
    }

    public void disconnect(Actor actor, UUID connectionId) {
        audit.demand(actor, Role.ORG_ADMIN, "sso.disconnect", String.valueOf(connectionId));
        SsoConnection connection = connections
                .find(connectionId)
                .orElseThrow(() -> new NotFound("No SSO connection " + connectionId + " in your organization."));
        Tenant tenant = tenants.find(actor.requireTenant()).orElseThrow();
        connections.remove(connection);
        em.flush();
        directory.disconnectIdentityProvider(
                tenant.getKeycloakOrganizationId(), connection.getIdpAlias(), connection.getEmailDomain());
        audit.changed(actor, tenant.getId(), "sso.disconnect", connection.getEmailDomain(), null);
    }
}
