package io.tributary.persistence.curation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One validator's verdict on one contribution, with the reason they gave. Immutable; one per validator. */
@Entity
@Table(name = "review")
public class Review {

    @Id
    private UUID id;

    @Column(name = "contribution_id", nullable = false, updatable = false)
    private UUID contributionId;

    @Column(name = "datanet_id", nullable = false, updatable = false)
    private UUID dataNetId;

    @Column(name = "validator_tenant_id", nullable = false, updatable = false)
    private UUID validatorTenantId;

    @Column(name = "validator_member_id", nullable = false, updatable = false)
    private UUID validatorMemberId;

    @Column(name = "validator_email", nullable = false, updatable = false)
    private String validatorEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Verdict verdict;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Review() {}

    public Review(
            UUID contributionId,
            UUID dataNetId,
            UUID validatorTenantId,
            UUID validatorMemberId,
            String validatorEmail,
            Verdict verdict,
            String reason) {
        this.id = UUID.randomUUID();
        this.contributionId = contributionId;
        this.dataNetId = dataNetId;
        this.validatorTenantId = validatorTenantId;
        this.validatorMemberId = validatorMemberId;
        this.validatorEmail = validatorEmail;
        this.verdict = verdict;
        this.reason = reason;
        this.createdAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getContributionId() {
        return contributionId;
    }

    public UUID getDataNetId() {
        return dataNetId;
    }

    public UUID getValidatorTenantId() {
        return validatorTenantId;
    }

    public UUID getValidatorMemberId() {
        return validatorMemberId;
    }

    public String getValidatorEmail() {
        return validatorEmail;
    }

    public Verdict getVerdict() {
        return verdict;
    }

    public String getReason() {
        return reason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
