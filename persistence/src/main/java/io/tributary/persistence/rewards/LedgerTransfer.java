package io.tributary.persistence.rewards;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A movement of money between two or more accounts, atomic and immutable once settled; its legs are {@link
 * LedgerLeg} rows. The id is the caller's idempotency key. Only PENDING may change, once, to POSTED or VOIDED (the
 * database enforces this too).
 */
@Entity
@Table(name = "ledger_transfer")
public class LedgerTransfer {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TransferStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "cause_type", nullable = false, updatable = false)
    private CauseType causeType;

    @Column(name = "cause_ref", nullable = false, updatable = false)
    private String causeRef;

    @Column(updatable = false)
    private String memo;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "posted_at")
    private Instant postedAt;

    @Column(name = "voided_at")
    private Instant voidedAt;

    protected LedgerTransfer() {}

    LedgerTransfer(TransferRequest request, Instant now) {
        this.id = request.id();
        this.causeType = request.causeType();
        this.causeRef = request.causeRef();
        this.memo = request.memo();
        this.createdAt = now;
        if (request.pending()) {
            this.status = TransferStatus.PENDING;
        } else {
            this.status = TransferStatus.POSTED;
            this.postedAt = now;
        }
    }

    public UUID getId() {
        return id;
    }

    public TransferStatus getStatus() {
        return status;
    }

    public CauseType getCauseType() {
        return causeType;
    }

    public String getCauseRef() {
        return causeRef;
    }

    public String getMemo() {
        return memo;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getPostedAt() {
        return postedAt;
    }

    public Instant getVoidedAt() {
        return voidedAt;
    }

    void posted(Instant at) {
        status = TransferStatus.POSTED;
        postedAt = at;
    }

    void voided(Instant at) {
        status = TransferStatus.VOIDED;
        voidedAt = at;
    }
}
