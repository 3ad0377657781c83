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
 * A tenant's claim to an e-mail domain. Held by one tenant platform-wide; it counts (SSO redirect, trusted brokered
 * e-mails) only once VERIFIED, by a DNS TXT record carrying the challenge token or by platform staff.
 */
@Entity
@Table(name = "domain_claim")
public class DomainClaim {

    /** Where a claim stands. */
    public enum Status {
        PENDING,
        VERIFIED,
        REJECTED
    }

    /** The DNS name whose TXT record proves the claim: {@code _tributary-challenge.<domain>}. */
    public static final String RECORD_PREFIX = "_tributary-challenge.";

    /** The text the TXT record must hold: {@code tributary-domain-verification=<token>}. */
    public static final String VALUE_PREFIX = "tributary-domain-verification=";

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String domain;

    @Column(name = "challenge_token", nullable = false, updatable = false)
    private String challengeToken;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Version
    private long version;

    protected DomainClaim() {}

    public DomainClaim(String domain, String challengeToken) {
        this.id = UUID.randomUUID();
        this.domain = domain.toLowerCase();
        this.challengeToken = challengeToken;
        this.status = Status.PENDING;
        this.createdAt = Instant.now();
    }

    public void verify(String by) {
        decide(Status.VERIFIED, by);
    }

    public void reject(String by) {
        decide(Status.REJECTED, by);
    }

    private void decide(Status outcome, String by) {
        if (status != Status.PENDING) {
            throw new IllegalStateException("The claim to " + domain + " is " + status + " already");
        }
        this.status = outcome;
        this.decidedBy = by;
        this.decidedAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getDomain() {
        return domain;
    }

    public String getChallengeToken() {
        return challengeToken;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isVerified() {
        return status == Status.VERIFIED;
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }

    public String getRecordName() {
        return RECORD_PREFIX + domain;
    }

    public String getRecordValue() {
        return VALUE_PREFIX + challengeToken;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }
}
