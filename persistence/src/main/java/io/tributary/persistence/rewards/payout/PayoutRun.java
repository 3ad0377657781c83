package io.tributary.persistence.rewards.payout;

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

/** One payout of members' balances to their withdrawal addresses, sent as one or more batches. */
@Entity
@Table(name = "payout_run")
public class PayoutRun {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "wallet_id", nullable = false, updatable = false)
    private UUID walletId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private PayoutKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PayoutStatus status;

    @Column(nullable = false, updatable = false, precision = 38)
    private BigInteger minimum;

    @Column(nullable = false, updatable = false, precision = 38)
    private BigInteger total;

    @Column(nullable = false, updatable = false)
    private int recipients;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_by_member", updatable = false)
    private UUID requestedByMember;

    @Column(name = "approved_by")
    private String approvedBy;

    @Column(name = "approved_by_member")
    private UUID approvedByMember;

    @Column(name = "request_fingerprint", updatable = false)
    private String requestFingerprint;

    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;

    private String note;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private long version;

    protected PayoutRun() {}

    public PayoutRun(
            UUID tenantId,
            UUID walletId,
            PayoutKind kind,
            BigInteger minimum,
            BigInteger total,
            int recipients,
            String requestedBy,
            String idempotencyKey,
            boolean needsApproval) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.walletId = walletId;
        this.kind = kind;
        this.minimum = minimum;
        this.total = total;
        this.recipients = recipients;
        this.requestedBy = requestedBy;
        this.idempotencyKey = idempotencyKey;
        this.status = needsApproval ? PayoutStatus.AWAITING_APPROVAL : PayoutStatus.SENDING;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Who answers for the request (the member, or the member who issued the key that made it) and its fingerprint. */
    public void requested(UUID member, String fingerprint) {
        this.requestedByMember = member;
        this.requestFingerprint = fingerprint;
    }

    public void approve(String approver, UUID approverMember, Instant at) {
        this.approvedBy = approver;
        this.approvedByMember = approverMember;
        this.decidedAt = at;
        this.status = PayoutStatus.SENDING;
    }

    public void reject(String approver, UUID approverMember, String reason, Instant at) {
        this.approvedBy = approver;
        this.approvedByMember = approverMember;
        this.decidedAt = at;
        this.note = reason;
        this.status = PayoutStatus.REJECTED;
        this.finishedAt = at;
    }

    public void note(String note) {
        this.note = note;
    }

    public void settle(PayoutStatus outcome, String note, Instant at) {
        this.status = outcome;
        this.note = note;
        this.finishedAt = at;
    }

    public UUID getId() {
        return id;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getWalletId() {
        return walletId;
    }

    public PayoutKind getKind() {
        return kind;
    }

    public PayoutStatus getStatus() {
        return status;
    }

    public BigInteger getMinimum() {
        return minimum;
    }

    public BigInteger getTotal() {
        return total;
    }

    public int getRecipients() {
        return recipients;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public UUID getRequestedByMember() {
        return requestedByMember;
    }

    public UUID getApprovedByMember() {
        return approvedByMember;
    }

    public String getRequestFingerprint() {
        return requestFingerprint;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getNote() {
        return note;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
