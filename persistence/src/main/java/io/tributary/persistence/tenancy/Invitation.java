package io.tributary.persistence.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * An invitation to join a tenant as a member, accepted by the invited person through a one-time link sent to their
 * address. Only the SHA-256 of the link's token is stored; the link works once and until it expires.
 */
@Entity
@Table(name = "invitation")
public class Invitation {

    /** Where an invitation stands; an expired one is PENDING past its expiry. */
    public enum Status {
        PENDING,
        ACCEPTED,
        REVOKED
    }

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "member_id", nullable = false, updatable = false)
    private UUID memberId;

    @Column(nullable = false, updatable = false)
    private String email;

    @Column(name = "token_hash", nullable = false, unique = true, updatable = false)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "invited_by", nullable = false, updatable = false)
    private String invitedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Version
    private long version;

    protected Invitation() {}

    public Invitation(UUID memberId, String email, String tokenHash, String invitedBy, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.memberId = memberId;
        this.email = email;
        this.tokenHash = tokenHash;
        this.status = Status.PENDING;
        this.invitedBy = invitedBy;
        this.createdAt = Instant.now();
        this.expiresAt = expiresAt;
    }

    /** Whether the link still works at {@code now}. */
    public boolean isOpen(Instant now) {
        return status == Status.PENDING && now.isBefore(expiresAt);
    }

    /** pending, accepted, expired or revoked, as people read it. */
    public String getState() {
        if (status == Status.PENDING && !Instant.now().isBefore(expiresAt)) {
            return "expired";
        }
        return status.name().toLowerCase();
    }

    public void accept() {
        this.status = Status.ACCEPTED;
        this.acceptedAt = Instant.now();
    }

    public void revoke() {
        this.status = Status.REVOKED;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getMemberId() {
        return memberId;
    }

    public String getEmail() {
        return email;
    }

    public Status getStatus() {
        return status;
    }

    public String getInvitedBy() {
        return invitedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getAcceptedAt() {
        return acceptedAt;
    }
}
