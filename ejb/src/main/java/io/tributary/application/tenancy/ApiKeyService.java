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
import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.MemberRepository;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Per-tenant API credentials: organization service keys for machine clients (issued by org admins; they act as
 * {@code api-key:NAME}, never earn and never approve) and members' personal access tokens (they act as their member,
 * within the token's scopes and the member's current roles). A secret is {@code trb_} followed by 32 random bytes;
 * only its SHA-256 is stored, which is enough because the secret has full entropy (no salt or slow hash needed).
 */
@Stateless
public class ApiKeyService {

    public static final String PREFIX = "trb_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DEFAULT_TOKEN_DAYS = 90;
    private static final int MAX_TOKEN_DAYS = 365;

    @Inject
    MemberRepository members;

    @Inject
    ApiKeyRepository keys;

    @Inject
    TenantRepository tenants;

    @Inject
    AuditLog audit;

    public IssuedApiKey issue(Actor actor, String name, Collection<String> roleKeys) {
        audit.demand(actor, Role.ORG_ADMIN, "api-key.issue", name);
        if (actor.keyId() != null) {
            // A leaked token or key must not outlive its revocation as a service key it minted.
            throw new AccessDenied("Issue service keys while signed in, not with an API key or access token.");
        }
        InputCheck check = new InputCheck();
        String cleanName = check.text("name", name, 100);
        Set<Role> roles = check.roles("roles", roleKeys);
        check.done();
        String secret = newSecret();
        ApiKey key = new ApiKey(cleanName, secret.substring(0, 10), hash(secret), roles, actor.name())
                .issuedBy(actor.accountableMember());
        keys.add(key);
        audit.changed(actor, actor.requireTenant(), "api-key.issue", key.getId().toString(), cleanName + " " + roles);
        return new IssuedApiKey(ApiKeyView.of(key), secret);
    }

    /**
     * Issues the acting member a personal access token. Its scopes are a subset of the member's roles (all of them
     * when none are named); it expires after {@code expiresInDays} (default 90, at most 365). A token cannot mint
     * further tokens: the member does that signed in.
     */
    public IssuedApiKey issuePersonal(Actor actor, String name, Collection<String> scopeKeys, Integer expiresInDays) {
        actor.requireTenant();
        if (actor.memberId() == null || actor.keyId() != null) {
            throw new AccessDenied(
                    actor.memberId() == null
                            ? "Personal access tokens belong to people; a service key cannot have one."
                            : "Issue personal access tokens while signed in, not with another token.");
        }
        Member member = members.find(actor.memberId()).orElseThrow(() -> new AccessDenied("Your membership ended."));
        InputCheck check = new InputCheck();
        String cleanName = check.text("name", name, 100);
        Set<Role> scopes =
                scopeKeys == null || scopeKeys.isEmpty() ? member.getRoles() : check.roles("scopes", scopeKeys);
        if (scopes != null && !member.getRoles().containsAll(scopes)) {
            check.fail("scopes", "A token can only carry roles you hold: " + roleKeys(member.getRoles()) + ".");
        }
        if (scopes != null && scopes.isEmpty()) {
            check.fail("scopes", "You hold no role a token could carry.");
        }
        int days = expiresInDays == null ? DEFAULT_TOKEN_DAYS : expiresInDays;
        if (days < 1 || days > MAX_TOKEN_DAYS) {
            check.fail("expiresInDays", "A token expires after 1 to " + MAX_TOKEN_DAYS + " days.");
        }
        check.done();
        String secret = newSecret();
        Instant now = Instant.now();
        ApiKey key = ApiKey.personal(
                cleanName,
                secret.substring(0, 10),
                hash(secret),
                scopes,
                actor.name(),
                member.getId(),
                member.getId(),
                now.plus(Duration.ofDays(days)));
        keys.add(key);
        audit.changed(
                actor,
                actor.tenantId(),
                "token.issue",
                key.getId().toString(),
                cleanName + " " + roleKeys(scopes) + " until " + key.getExpiresAt());
        return new IssuedApiKey(ApiKeyView.of(key), secret);
    }

    /** The acting member's personal access tokens. */
    public List<ApiKeyView> personal(Actor actor) {
        actor.requireTenant();
        if (actor.memberId() == null) {
            throw new AccessDenied("Personal access tokens belong to people; service keys have none.");
        }
        return keys.ofMember(actor.memberId()).stream().map(ApiKeyView::of).toList();
    }

    /** The member revokes one of their own tokens (org admins revoke any key through {@link #revoke}). */
    public ApiKeyView revokePersonal(Actor actor, UUID keyId) {
        actor.requireTenant();
        ApiKey key = keys.find(keyId)
                .filter(k -> k.getMemberId() != null && k.getMemberId().equals(actor.memberId()))
                .orElseThrow(() -> new NotFound("You have no personal access token " + keyId + "."));
        if (key.isRevoked()) {
            throw new Conflict("That token was revoked already.");
        }
        key.revoke(Instant.now());
        audit.changed(actor, actor.tenantId(), "token.revoke", keyId.toString(), key.getName());
        return ApiKeyView.of(key);
    }

    /** The organization's keys and tokens, newest first. */
    public List<ApiKeyView> list(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "api-key.list", null);
        return keys.all().stream()
                .map(ApiKeyView::of)
                .sorted(Comparator.comparing(ApiKeyView::createdAt).reversed().thenComparing(ApiKeyView::id))
                .toList();
    }

    public ApiKeyView revoke(Actor actor, UUID keyId) {
        audit.demand(actor, Role.ORG_ADMIN, "api-key.revoke", String.valueOf(keyId));
        ApiKey key = keys.find(keyId).orElseThrow(() -> new NotFound("No API key " + keyId + " in your organization."));
        if (key.isRevoked()) {
            throw new Conflict("That key was revoked already.");
        }
        key.revoke(Instant.now());
        audit.changed(actor, actor.requireTenant(), "api-key.revoke", keyId.toString(), key.getName());
        return ApiKeyView.of(key);
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
            Actor actor = new Actor(
                    key.getTenantId(),
                    null,
                    "api-key:" + key.getName(),
                    key.getRoles(),
                    key.getId(),
                    key.getIssuedByMember());
            if (key.isRevoked()) {
                audit.refused(actor, key.getTenantId(), "api.call", key.getPrefix(), Outcome.DENIED, "key revoked");
                throw new Unauthenticated("This API key was revoked.");
            }
            Instant now = Instant.now();
            if (key.isExpired(now)) {
                audit.refused(actor, key.getTenantId(), "api.call", key.getPrefix(), Outcome.DENIED, "token expired");
                throw new Unauthenticated("This token expired at " + key.getExpiresAt() + "; issue a new one.");
            }
            Tenant tenant = tenants.find(key.getTenantId()).orElseThrow();
            if (!tenant.isActive()) {
                audit.refused(actor, tenant.getId(), "api.call", key.getPrefix(), Outcome.DENIED, "tenant suspended");
                throw new AccessDenied(tenant.getName() + " is suspended: its API keys are refused.");
            }
            if (key.isPersonal()) {
                // A removed member stays as a tombstone row (history, earnings): their tokens end with them.
                actor = members.find(key.getMemberId())
                        .filter(member -> key.getTenantId().equals(member.getTenantId()) && !member.isRemoved())
                        .map(member -> asMember(key, member))
                        .orElseThrow(() -> new Unauthenticated("This token's member left the organization."));
            }
            key.used(now);
            return actor;
        });
    }

    /** A token acts as its member, with the scopes the member still holds: a role removed later leaves the token. */
    private static Actor asMember(ApiKey key, Member member) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(key.getRoles());
        roles.retainAll(member.getRoles());
        roles.remove(Role.PLATFORM_ADMIN);
        return new Actor(key.getTenantId(), member.getId(), member.getEmail(), roles, key.getId(), member.getId());
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static List<String> roleKeys(Set<Role> roles) {
        return roles.stream().map(Role::key).toList();
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
