package io.tributary.persistence.rewards.settlement;

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
 * One on-chain transfer of TRIB from a debtor organization's custodial wallet to a creditor's, paying part of what
 * cross-organization ledger transfers moved between them. Written together with its outbox transaction, so it is sent
 * exactly once; the amount never changes.
 */
@Entity
@Table(name = "settlement")
public class Settlement {

    @Id
    private UUID id;

    @Column(name = "debtor_tenant_id", nullable = false, updatable = false)
    private UUID debtorTenantId;

    @Column(name = "debtor_wallet_id", nullable = false, updatable = false)
    private UUID debtorWalletId;

    @Column(name = "creditor_tenant_id", nullable = false, updatable = false)
    private UUID creditorTenantId;

    @Column(name = "creditor_wallet_id", nullable = false, updatable = false)
    private UUID creditorWalletId;

    @Column(name = "creditor_address", nullable = false, updatable = false)
    private String creditorAddress;

    @Column(nullable = false, updatable = false, precision = 38)
    private BigInteger amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SettlementStatus status;

    @Column(name = "transaction_id", nullable = false, updatable = false)
    private UUID transactionId;

    @Column(name = "received_block")
    private Long receivedBlock;

    @Column(name = "debtor_position", nullable = false, updatable = false, precision = 38)
    private BigInteger debtorPosition;

    @Column(name = "creditor_position", nullable = false, updatable = false, precision = 38)
    private BigInteger creditorPosition;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private long version;

    protected Settlement() {}

    public Settlement(
            Obligation obligation,
            UUID debtorWalletId,
            UUID creditorWalletId,
            String creditorAddress,
            UUID transactionId,
            BigInteger debtorPosition,
            BigInteger creditorPosition) {
        if (obligation.amount().signum() <= 0) {
            throw new IllegalArgumentException("A settlement moves a positive amount.");
        }
        this.id = UUID.randomUUID();
        this.debtorTenantId = obligation.debtor();
        this.creditorTenantId = obligation.creditor();
        this.amount = obligation.amount();
        this.debtorWalletId = debtorWalletId;
        this.creditorWalletId = creditorWalletId;
        this.creditorAddress = creditorAddress;
        this.transactionId = transactionId;
        this.debtorPosition = debtorPosition;
        this.creditorPosition = creditorPosition;
        this.status = SettlementStatus.SENDING;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Its transaction is final: confirmed (the tokens moved) or reverted (nothing moved). */
    public void finished(boolean succeeded) {
        this.status = succeeded ? SettlementStatus.SETTLED : SettlementStatus.FAILED;
        this.finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The creditor's deposit scan saw the tokens arrive; the first sighting counts. */
    public void received(long blockNumber) {
        if (receivedBlock == null) {
            this.receivedBlock = blockNumber;
        }
    }

    public UUID getId() {
        return id;
    }

    public UUID getDebtorTenantId() {
        return debtorTenantId;
    }

    public UUID getDebtorWalletId() {
        return debtorWalletId;
    }

    public UUID getCreditorTenantId() {
        return creditorTenantId;
    }

    public UUID getCreditorWalletId() {
        return creditorWalletId;
    }

    public String getCreditorAddress() {
        return creditorAddress;
    }

    public BigInteger getAmount() {
        return amount;
    }

    public SettlementStatus getStatus() {
        return status;
    }

    public UUID getTransactionId() {
        return transactionId;
    }

    public Long getReceivedBlock() {
        return receivedBlock;
    }

    public BigInteger getDebtorPosition() {
        return debtorPosition;
    }

    public BigInteger getCreditorPosition() {
        return creditorPosition;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
