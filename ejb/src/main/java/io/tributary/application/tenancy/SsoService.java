package io.tributary.application.tenancy;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.tenancy.DomainClaim;
import io.tributary.persistence.tenancy.DomainClaimRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.SsoConnection;
import io.tributary.persistence.tenancy.SsoConnectionRepository;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Connecting an organization's own OpenID Connect identity provider, so its people sign in with company accounts, and
 * proving the e-mail domain it serves. A connection redirects and is trusted only once its domain claim is verified,
 * by a DNS TXT record or by platform staff; a domain is held by one tenant on the whole platform.
 */
@Stateless
public class SsoService {

    private static final Pattern URL = Pattern.compile("^https?://[^\\s/$.?#][^\\s]*$");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SsoConnectionRepository connections;

    @Inject
    DomainClaimRepository claims;

    @Inject
    TenantRepository tenants;

    @Inject
    OrganizationDirectory directory;

    @Inject
    DomainProof proof;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    @Resource
    SessionContext context;

    public List<SsoConnectionView> connections(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "sso.list", null);
        return connections.all().stream()
                .map(c -> SsoConnectionView.of(c, isActive(c)))
                .toList();
    }

    /** The tenant's domain claims, with their DNS instructions while pending. */
    public List<DomainClaimView> claims(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "domain.list", null);
        return claims.all().stream().map(DomainClaimView::of).toList();
    }

    public SsoConnectionView connect(
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
        String cleanDomain = domain.toLowerCase();
        if (connections.findByEmailDomain(cleanDomain).isPresent()) {
            throw new Conflict("Your organization already has an SSO connection for " + cleanDomain + ".");
        }
        Tenant tenant = tenants.find(actor.requireTenant()).orElseThrow();
        expireUnproven(cleanDomain);
        DomainClaim claim = claimFor(actor, tenant, cleanDomain);
        String idpAlias = tenant.getAlias() + "-" + cleanDomain.replace('.', '-');
        SsoConnection connection = new SsoConnection(idpAlias, name, issuer, client, cleanDomain, roles);
        connections.add(connection);
        em.flush();
        directory.registerIdentityProvider(idpAlias, name, issuer, client, secret);
        try {
            if (claim.isVerified()) {
                directory.activateIdentityProvider(tenant.getKeycloakOrganizationId(), idpAlias, cleanDomain);
            }
        } catch (RuntimeException e) {
            directory.disconnectIdentityProvider(tenant.getKeycloakOrganizationId(), idpAlias, cleanDomain, true);
            throw e;
        }
        audit.changed(
                actor,
                tenant.getId(),
                "sso.connect",
                cleanDomain,
                issuer + (claim.isVerified() ? "" : " (domain pending)"));
        return SsoConnectionView.of(connection, claim.isVerified());
    }

    /** Whether the connection's domain is verified, i.e. whether it redirects and is trusted. */
    public boolean isActive(SsoConnection connection) {
        return claims.holding(connection.getEmailDomain())
                .map(DomainClaim::isVerified)
                .orElse(false);
    }

    /** How long a claim may stay unproven before another organization may claim the domain. */
    static final Duration UNPROVEN_CLAIM_LIFETIME = Duration.ofDays(7);

    /** Who rejects a claim left unproven too long, in the audit log. */
    private static final Actor EXPIRY = new Actor(null, null, "expiry: unproven for 7 days", Set.of());

    /**
     * Rejects claims of the domain left unproven for {@link #UNPROVEN_CLAIM_LIFETIME}, as staff would, removing their
     * connection: an unproven claim must not hold another company's domain for ever.
     */
    private void expireUnproven(String domain) {
        claims.pendingSince(domain, Instant.now().minus(UNPROVEN_CLAIM_LIFETIME))
                .forEach((claimId, holder) -> TenantContext.as(
                        holder,
                        () -> context.getBusinessObject(SsoService.class).decide(EXPIRY, holder, claimId, false)));
    }

    /** The tenant's claim to a domain, made now if it has none; refused when another tenant or organization holds it. */
    private DomainClaim claimFor(Actor actor, Tenant tenant, String domain) {
        Optional<DomainClaim> own = claims.holding(domain);
        if (own.isPresent()) {
            return own.get();
        }
        if (claims.holder(domain).isPresent()) {
            audit.refused(actor, tenant.getId(), "domain.claim", domain, Outcome.DENIED, "held by another tenant");
            throw new Conflict(domain + " is held by another organization on Tributary.");
        }
        Optional<String> keycloakHolder = directory.domainHolder(domain, tenant.getKeycloakOrganizationId());
        if (keycloakHolder.isPresent()) {
            audit.refused(
                    actor, tenant.getId(), "domain.claim", domain, Outcome.DENIED, "Keycloak: another organization");
            throw new Conflict("Keycloak lists " + domain + " as the domain of another organization.");
        }
        DomainClaim claim = new DomainClaim(domain, HexFormat.of().formatHex(randomBytes()));
        claims.add(claim);
        em.flush();
        audit.changed(actor, tenant.getId(), "domain.claim", domain, "pending");
        return claim;
    }

    /**
     * Looks for the claim's TXT record now; when it holds the token, the claim is verified and the tenant's connection
     * for the domain starts redirecting. A missing record leaves the claim pending and says so.
     */
    public DomainClaimView checkDns(Actor actor, UUID claimId) {
        audit.demand(actor, Role.ORG_ADMIN, "domain.check", String.valueOf(claimId));
        DomainClaim claim = claims.find(claimId)
                .orElseThrow(() -> new NotFound("No domain claim " + claimId + " in your organization."));
        if (!claim.isPending()) {
            throw new Conflict("The claim to " + claim.getDomain() + " is "
                    + claim.getStatus().name().toLowerCase() + " already.");
        }
        if (!proof.published(claim.getRecordName(), claim.getRecordValue())) {
            audit.refused(actor, actor.tenantId(), "domain.check", claim.getDomain(), Outcome.DENIED, "no TXT record");
            throw new Conflict("No TXT record " + claim.getRecordName() + " with the text " + claim.getRecordValue()
                    + " was found yet. DNS changes can take a while to appear; check again later.");
        }
        claim.verify("dns");
        activate(tenants.find(actor.requireTenant()).orElseThrow(), claim);
        audit.changed(actor, actor.tenantId(), "domain.verify", claim.getDomain(), "dns");
        return DomainClaimView.of(claim);
    }

    /** Pending claims of every tenant, for platform staff. */
    public List<DomainClaimView> pendingClaims(Actor actor) {
        requireStaff(actor);
        return TenantContext.asPlatform(
                        () -> context.getBusinessObject(SsoService.class).pendingInPlatform())
                .stream()
                .map(DomainClaimView::of)
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DomainClaim> pendingInPlatform() {
        return claims.pending();
    }

    /** Platform staff approve a claim after checking ownership themselves (the dev stack and demo use this). */
    public DomainClaimView approve(Actor actor, UUID claimId) {
        requireStaff(actor);
        UUID tenantId = tenantOf(claimId);
        return DomainClaimView.of(TenantContext.as(
                tenantId, () -> context.getBusinessObject(SsoService.class).decide(actor, tenantId, claimId, true)));
    }

    public DomainClaimView reject(Actor actor, UUID claimId) {
        requireStaff(actor);
        UUID tenantId = tenantOf(claimId);
        return DomainClaimView.of(TenantContext.as(
                tenantId, () -> context.getBusinessObject(SsoService.class).decide(actor, tenantId, claimId, false)));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public DomainClaim decide(Actor actor, UUID tenantId, UUID claimId, boolean approve) {
        DomainClaim claim = claims.find(claimId).orElseThrow(() -> new NotFound("No such domain claim."));
        if (!claim.isPending()) {
            throw new Conflict("The claim to " + claim.getDomain() + " is "
                    + claim.getStatus().name().toLowerCase() + " already.");
        }
        if (approve) {
            claim.verify(actor.name());
            activate(tenants.find(tenantId).orElseThrow(), claim);
        } else {
            claim.reject(actor.name());
            connections.findByEmailDomain(claim.getDomain()).ifPresent(c -> {
                connections.remove(c);
                Tenant tenant = tenants.find(tenantId).orElseThrow();
                directory.disconnectIdentityProvider(
                        tenant.getKeycloakOrganizationId(), c.getIdpAlias(), c.getEmailDomain(), true);
            });
        }
        audit.changed(actor, tenantId, approve ? "domain.approve" : "domain.reject", claim.getDomain(), null);
        return claim;
    }

    /** Seeds a verified claim without a request (demo data: staff approval done ahead). Runs in the tenant's context. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordVerified(Actor actor, UUID tenantId, String domain, String by) {
        if (claims.holder(domain).isPresent()) {
            return;
        }
        DomainClaim claim = new DomainClaim(domain, HexFormat.of().formatHex(randomBytes()));
        claim.verify(by);
        claims.add(claim);
        audit.changed(actor, tenantId, "domain.approve", domain, by);
    }

    private UUID tenantOf(UUID claimId) {
        return TenantContext.asPlatform(
                () -> context.getBusinessObject(SsoService.class).tenantOfInPlatform(claimId));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UUID tenantOfInPlatform(UUID claimId) {
        return claims.find(claimId)
                .map(DomainClaim::getTenantId)
                .orElseThrow(() -> new NotFound("No such domain claim."));
    }

    /** Lists the verified domain in Keycloak and turns on the tenant's provider for it, if it has one. */
    private void activate(Tenant tenant, DomainClaim claim) {
        em.flush();
        Optional<SsoConnection> connection = connections.findByEmailDomain(claim.getDomain());
        if (connection.isPresent()) {
            directory.activateIdentityProvider(
                    tenant.getKeycloakOrganizationId(), connection.get().getIdpAlias(), claim.getDomain());
        } else {
            directory.addDomain(tenant.getKeycloakOrganizationId(), claim.getDomain());
        }
    }

    public void disconnect(Actor actor, UUID connectionId) {
        audit.demand(actor, Role.ORG_ADMIN, "sso.disconnect", String.valueOf(connectionId));
        SsoConnection connection = connections
                .find(connectionId)
                .orElseThrow(() -> new NotFound("No SSO connection " + connectionId + " in your organization."));
        Tenant tenant = tenants.find(actor.requireTenant()).orElseThrow();
        connections.remove(connection);
        em.flush();
        // The verified domain stays the tenant's (it proved it); only the redirect goes.
        directory.disconnectIdentityProvider(
                tenant.getKeycloakOrganizationId(), connection.getIdpAlias(), connection.getEmailDomain(), true);
        audit.changed(actor, tenant.getId(), "sso.disconnect", connection.getEmailDomain(), null);
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isPlatformAdmin() || actor.tenantId() != null) {
            throw new AccessDenied("Only platform staff decide domain claims, from the admin console.");
        }
    }

    private static byte[] randomBytes() {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        return token;
    }
}
