package io.tributary.application.tenancy;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.Unauthenticated;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.tenancy.ApiKey;
import io.tributary.persistence.tenancy.ApiKeyRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Per-tenant API keys for machine clients. A key is {@code trb_} followed by 32 random bytes; only its SHA-256 is
 * stored, which is enough because the secret has full entropy (no salt or slow hash needed).
 */
@Stateless
public class ApiKeyService {

    public static final String PREFIX = "trb_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ApiKeyRepository keys;

    @Inject
    TenantRepository tenants;

    @Inject
    AuditLog audit;

    public IssuedApiKey issue(Actor actor, String name, Collection<String> roleKeys) {
        audit.demand(actor, Role.ORG_ADMIN, "api-key.issue", name);
        InputCheck check = new InputCheck();
        String cleanName = check.text("name", name, 100);
        Set<Role> roles = check.roles("roles", roleKeys);
        check.done();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKey key = new ApiKey(cleanName, secret.substring(0, 10), hash(secret), roles, actor.name());
        keys.add(key);
        audit.changed(actor, actor.requireTenant(), "api-key.issue", key.getId().toString(), cleanName + " " + roles);
        return new IssuedApiKey(key, secret);
    }

    public List<ApiKey> list(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "api-key.list", null);
        return keys.all();
    }

    public ApiKey revoke(Actor actor, UUID keyId) {
        audit.demand(actor, Role.ORG_ADMIN, "api-key.revoke", String.valueOf(keyId));
        ApiKey key = keys.find(keyId).orElseThrow(() -> new NotFound("No API key " + keyId + " in your organization."));
        if (key.isRevoked()) {
            throw new Conflict("That key was revoked already.");
        }
        key.revoke(Instant.now());
        audit.changed(actor, actor.requireTenant(), "api-key.revoke", keyId.toString(), key.getName());
        return key;
    }

    /**
     * The actor an API key acts as, or {@link AccessDenied} (revoked, unknown, or tenant suspended). Runs in the
     * platform context because the key is what tells the tenant.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Actor authenticate(String secret) {
        return TenantContext.asPlatform(() -> {
            ApiKey key = secret == null || !secret.startsWith(PREFIX)
                    ? null
                    : keys.findBySecretHash(hash(secret)).orElse(null);
            if (key == null) {
                throw new Unauthenticated("Unknown API key.");
            }
            Actor actor = new Actor(key.getTenantId(), null, "api-key:" + key.getName(), key.getRoles());
            if (key.isRevoked()) {
                audit.refused(actor, key.getTenantId(), "api.call", key.getPrefix(), Outcome.DENIED, "key revoked");
                throw new Unauthenticated("This API key was revoked.");
            }
            Tenant tenant = tenants.find(key.getTenantId()).orElseThrow();
            if (!tenant.isActive()) {
                audit.refused(actor, tenant.getId(), "api.call", key.getPrefix(), Outcome.DENIED, "tenant suspended");
                throw new AccessDenied(tenant.getName() + " is suspended: its API keys are refused.");
            }
            key.used(Instant.now());
            return actor;
        });
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
