package io.tributary.persistence.rewards.custody;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A change to an organization's money rules or treasury: a new withdrawal policy or a grant to a member. Harmless
 * changes are applied at once and kept as history; a loosening policy, a self-grant or a grant above the approval
 * threshold waits for a second org admin (another member) and then for the cooling-off period.
 */
@Entity
@Table(name = "wallet_change")
public class WalletChange {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private WalletChangeKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private WalletChangeStatus status;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_by_member", updatable = false)
    private UUID requestedByMember;

    @Column(name = "why_approval", updatable = false)
    private String whyApproval;

    @Column(name = "daily_limit", precision = 38, updatable = false)
    private BigInteger dailyLimit;

    @Column(name = "approval_threshold", precision = 38, updatable = false)
    private BigInteger approvalThreshold;

    @Column(name = "payout_minimum", precision = 38, updatable = false)
    private BigInteger payoutMinimum;

    @Column(name = "cooling_off_hours", updatable = false)
    private Integer coolingOffHours;

    @Column(name = "scheduled_payouts", updatable = false)
    private Boolean scheduledPayouts;

    @Column(updatable = false)
    private UUID grantee;

    @Column(name = "grantee_email", updatable = false)
    private String granteeEmail;

    @Column(name = "account_kind", updatable = false)
    private String accountKind;

    @Column(precision = 38, updatable = false)
    private BigInteger amount;

    @Column(updatable = false)
    private String memo;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_by_member")
    private UUID decidedByMember;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "effective_at")
    private Instant effectiveAt;

    @Column(name = "applied_at")
    private Instant appliedAt;

    private String note;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    @Column(name = "request_fingerprint", updatable = false)
    private String requestFingerprint;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected WalletChange() {}

    private WalletChange(
            UUID tenantId,
            WalletChangeKind kind,
            String requestedBy,
            UUID requestedByMember,
            String whyApproval,
            String idempotencyKey,
            String requestFingerprint) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.kind = kind;
        this.requestedBy = requestedBy;
        this.requestedByMember = requestedByMember;
        this.whyApproval = whyApproval;
        this.status = whyApproval == null ? WalletChangeStatus.APPLIED : WalletChangeStatus.AWAITING_APPROVAL;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (whyApproval == null) {
            this.appliedAt = createdAt;
        }
    }

    /** A new policy; applied at once when {@code whyApproval} is null. */
    public static WalletChange policy(
            UUID tenantId,
            String requestedBy,
            UUID requestedByMember,
            WithdrawalPolicy policy,
            String whyApproval,
            String idempotencyKey,
            String requestFingerprint) {
        WalletChange change = new WalletChange(
                tenantId,
                WalletChangeKind.POLICY,
                requestedBy,
                requestedByMember,
                whyApproval,
                idempotencyKey,
                requestFingerprint);
        change.dailyLimit = policy.dailyLimit();
        change.approvalThreshold = policy.approvalThreshold();
        change.payoutMinimum = policy.payoutMinimum();
        change.coolingOffHours = policy.coolingOffHours();
        change.scheduledPayouts = policy.scheduledPayouts();
        return change;
    }

    /** A grant from the treasury; applied at once when {@code whyApproval} is null. */
    public static WalletChange grant(
            UUID tenantId,
            String requestedBy,
            UUID requestedByMember,
            UUID grantee,
            String granteeEmail,
            String accountKind,
            BigInteger amount,
            String memo,
            String whyApproval,
            String idempotencyKey,
            String requestFingerprint) {
        WalletChange change = new WalletChange(
                tenantId,
                WalletChangeKind.GRANT,
                requestedBy,
                requestedByMember,
                whyApproval,
                idempotencyKey,
                requestFingerprint);
        change.grantee = grantee;
        change.granteeEmail = granteeEmail;
        change.accountKind = accountKind;
        change.amount = amount;
        change.memo = memo;
        return change;
    }

    /** A second org admin agreed; the change takes effect at {@code effectiveAt}. */
    public void approve(String approver, UUID approverMember, Instant at, Instant effectiveAt) {
        this.decidedBy = approver;
        this.decidedByMember = approverMember;
        this.decidedAt = at;
        this.effectiveAt = effectiveAt;
        this.status = WalletChangeStatus.COOLING_OFF;
    }

    public void reject(String approver, UUID approverMember, String reason, Instant at) {
        this.decidedBy = approver;
        this.decidedByMember = approverMember;
        this.decidedAt = at;
        this.note = reason;
        this.status = WalletChangeStatus.REJECTED;
    }

    public void applied(Instant at) {
        this.appliedAt = at;
        this.status = WalletChangeStatus.APPLIED;
    }

    public void end(WalletChangeStatus outcome, String why) {
        this.status = outcome;
        this.note = why;
    }

    public boolean isDue(Instant now) {
        return status == WalletChangeStatus.COOLING_OFF && !effectiveAt.isAfter(now);
    }

    public WithdrawalPolicy policy() {
        return new WithdrawalPolicy(
                dailyLimit, approvalThreshold, payoutMinimum, coolingOffHours, Boolean.TRUE.equals(scheduledPayouts));
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public WalletChangeKind getKind() {
        return kind;
    }

    public WalletChangeStatus getStatus() {
        return status;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public UUID getRequestedByMember() {
        return requestedByMember;
    }

    public String getWhyApproval() {
        return whyApproval;
    }

    public UUID getGrantee() {
        return grantee;
    }

    public String getGranteeEmail() {
        return granteeEmail;
    }

    public String getAccountKind() {
        return accountKind;
    }

    public BigInteger getAmount() {
        return amount;
    }

    public String getMemo() {
        return memo;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public UUID getDecidedByMember() {
        return decidedByMember;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public Instant getEffectiveAt() {
        return effectiveAt;
    }

    public Instant getAppliedAt() {
        return appliedAt;
    }

    public String getNote() {
        return note;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getRequestFingerprint() {
        return requestFingerprint;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
