package io.tributary.persistence.attribution.dispute;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * A contributor's dispute of a receipt about one of their records, reviewed by a validator of that record's DataNet.
 * An upheld dispute is corrected by a new ledger transfer (its id is the dispute's), never by editing the receipt or
 * its split; the decision is written once.
 */
@Entity
@Table(name = "attribution_dispute")
public class Dispute {

    @Id
    private UUID id;

    @Column(name = "receipt_id", nullable = false, updatable = false)
    private UUID receiptId;

    /** The disputing contributor's organization. */
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "member_id", nullable = false, updatable = false)
    private UUID memberId;

    /** The DataNet of the disputer's record: its validators decide. */
    @Column(name = "data_net_id", nullable = false, updatable = false)
    private UUID dataNetId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private DisputeKind kind;

    /** The disputer's own record. */
    @Column(name = "record_id", nullable = false, updatable = false)
    private UUID recordId;

    /** For {@link DisputeKind#COPIED}: the credited record that copies the disputer's. */
    @Column(name = "copied_by_record_id", updatable = false)
    private UUID copiedByRecordId;

    @Column(nullable = false, updatable = false)
    private String statement;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DisputeStatus status;

    @Column(name = "opened_at", nullable = false, updatable = false)
    private Instant openedAt;

    @Column(name = "decided_by_member_id")
    private UUID decidedByMemberId;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decision_reason")
    private String decisionReason;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "correction_amount", precision = 38)
    private BigInteger correctionAmount;

    @Column(name = "correction_transfer_id")
    private UUID correctionTransferId;

    protected Dispute() {}

    public Dispute(
            UUID receiptId,
            UUID tenantId,
            UUID memberId,
            UUID dataNetId,
            DisputeKind kind,
            UUID recordId,
            UUID copiedByRecordId,
            String statement) {
        this.id = UUID.randomUUID();
        this.receiptId = receiptId;
        this.tenantId = tenantId;
        this.memberId = memberId;
        this.dataNetId = dataNetId;
        this.kind = kind;
        this.recordId = recordId;
        this.copiedByRecordId = copiedByRecordId;
        this.statement = statement;
        this.status = DisputeStatus.OPEN;
        this.openedAt = Instant.now();
    }

    /** Upheld, with the correction transfer that paid {@code amount} to the disputer. */
    public void uphold(UUID memberId, String by, String reason, BigInteger amount, UUID transferId) {
        decide(DisputeStatus.UPHELD, memberId, by, reason);
        this.correctionAmount = amount;
        this.correctionTransferId = transferId;
    }

    public void reject(UUID memberId, String by, String reason) {
        decide(DisputeStatus.REJECTED, memberId, by, reason);
    }

    private void decide(DisputeStatus status, UUID memberId, String by, String reason) {
        if (this.status != DisputeStatus.OPEN) {
            throw new IllegalStateException("Dispute " + id + " is already " + this.status);
        }
        this.status = status;
        this.decidedByMemberId = memberId;
        this.decidedBy = by;
        this.decisionReason = reason;
        this.decidedAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getReceiptId() {
        return receiptId;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getMemberId() {
        return memberId;
    }

    public UUID getDataNetId() {
        return dataNetId;
    }

    public DisputeKind getKind() {
        return kind;
    }

    public UUID getRecordId() {
        return recordId;
    }

    public UUID getCopiedByRecordId() {
        return copiedByRecordId;
    }

    public String getStatement() {
        return statement;
    }

    public DisputeStatus getStatus() {
        return status;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public UUID getDecidedByMemberId() {
        return decidedByMemberId;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public String getDecisionReason() {
        return decisionReason;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public BigInteger getCorrectionAmount() {
        return correctionAmount;
    }

    public UUID getCorrectionTransferId() {
        return correctionTransferId;
    }
}
