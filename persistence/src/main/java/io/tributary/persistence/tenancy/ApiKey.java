package io.tributary.persistence.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A credential for the REST API, stored only as a hash, revocable: a personal access token acts as its member (within
 * the member's current roles), an organization service key (no member) as a machine that never earns or approves.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String name;

    /** The first characters of the secret, shown so people can tell their keys apart. */
    @Column(nullable = false, updatable = false)
    private String prefix;

    @Column(name = "secret_hash", nullable = false, unique = true, updatable = false)
    private String secretHash;

    @Convert(converter = RoleSet.class)
    @Column(nullable = false)
    private Set<Role> roles;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** The member a personal access token acts as; null for an organization service key. */
    @Column(name = "member_id", updatable = false)
    private UUID memberId;

    /** The member who issued the key and answers for what it does. */
    @Column(name = "issued_by_member", updatable = false)
    private UUID issuedByMember;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    protected ApiKey() {}

    public ApiKey(String name, String prefix, String secretHash, Set<Role> roles, String createdBy) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.prefix = prefix;
        this.secretHash = secretHash;
        this.roles = EnumSet.copyOf(roles);
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    /** A personal access token of {@code memberId}, issued by that member (or an org admin) and expiring. */
    public static ApiKey personal(
            String name,
            String prefix,
            String secretHash,
            Set<Role> scopes,
            String createdBy,
            UUID memberId,
            UUID issuedByMember,
            Instant expiresAt) {
        ApiKey key = new ApiKey(name, prefix, secretHash, scopes, createdBy);
        key.memberId = memberId;
        key.issuedByMember = issuedByMember;
        key.expiresAt = expiresAt;
        return key;
    }

    /** Records the member who issued an organization service key. */
    public ApiKey issuedBy(UUID member) {
        this.issuedByMember = member;
        return this;
    }

    public UUID getMemberId() {
        return memberId;
    }

    public boolean isPersonal() {
        return memberId != null;
    }

    public UUID getIssuedByMember() {
        return issuedByMember;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public Set<Role> getRoles() {
        return EnumSet.copyOf(roles);
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /**
     * Records a use, to the minute: a key's requests within a minute of the recorded one change nothing, so reads with
     * a key do not write (and wait for the disk) on every request.
     */
    public void used(Instant at) {
        if (lastUsedAt == null || lastUsedAt.isBefore(at.minus(LAST_USE_PRECISION))) {
            lastUsedAt = at;
        }
    }
}
