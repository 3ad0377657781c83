package io.tributary.persistence.rewards.custody;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An outbox row for one transaction of a custodial wallet. Once signed, its bytes and hash are stored before the
 * first broadcast and every retry re-sends exactly those bytes, so a transaction is never signed twice.
 */
@Entity
@Table(name = "chain_transaction")
public class ChainTransaction {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "wallet_id", nullable = false, updatable = false)
    private UUID walletId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private TransactionPurpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TransactionStatus status;

    private Long nonce;

    private byte[] raw;

    @Column(name = "tx_hash")
    private String txHash;

    @Column(name = "block_number")
    private Long blockNumber;

    @Column(name = "block_hash")
    private String blockHash;

    @Column(name = "gas_used", precision = 38)
    private BigInteger gasUsed;

    @Column(name = "gas_cost_wei", precision = 38)
    private BigInteger gasCostWei;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private long version;

    protected ChainTransaction() {}

    public ChainTransaction(UUID tenantId, UUID walletId, TransactionPurpose purpose) {
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.walletId = walletId;
        this.purpose = purpose;
        this.status = TransactionStatus.QUEUED;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.nextAttemptAt = createdAt;
    }

    public void signed(long nonce, byte[] raw, String txHash) {
        this.nonce = nonce;
        this.raw = raw.clone();
        this.txHash = txHash;
        this.status = TransactionStatus.SIGNED;
        this.lastError = null;
    }

    /**
     * A fee bump: the same nonce signed again with higher fees. The new bytes replace the old as the ones to send
     * (stored before they are broadcast); the old ones stay in {@link ChainTransactionAttempt} in case they are mined.
     */
    public void bumped(byte[] raw, String txHash) {
        this.raw = raw.clone();
        this.txHash = txHash;
        this.status = TransactionStatus.SIGNED;
        this.lastError = null;
    }

    /** One of this nonce's other attempts is the one the chain holds: it is the transaction from now on. */
    public void adopt(byte[] raw, String txHash) {
        this.raw = raw.clone();
        this.txHash = txHash;
    }

    public void broadcast() {
        this.status = TransactionStatus.BROADCAST;
        this.blockNumber = null;
        this.blockHash = null;
        this.lastError = null;
        this.attempts = 0;
    }

    public void mined(long blockNumber, String blockHash) {
        this.status = TransactionStatus.MINED;
        this.blockNumber = blockNumber;
        this.blockHash = blockHash;
    }

    /** Final: confirmed (succeeded) or failed (reverted), with the gas it cost either way. */
    public void finished(boolean succeeded, long blockNumber, String blockHash, BigInteger gasUsed, BigInteger cost) {
        this.status = succeeded ? TransactionStatus.CONFIRMED : TransactionStatus.FAILED;
        this.blockNumber = blockNumber;
        this.blockHash = blockHash;
        this.gasUsed = gasUsed;
        this.gasCostWei = cost;
        this.finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.lastError = succeeded ? null : "The transaction reverted on chain.";
    }

    /** Before signing only: nothing reached the chain. */
    public void cancel(String reason) {
        this.status = TransactionStatus.CANCELLED;
        this.lastError = reason;
        this.finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A step did not get through (node down, refused for gas...): try again later, backing off exponentially. */
    public void retryLater(String why, Instant now) {
        this.attempts++;
        this.lastError = why.length() > 2000 ? why.substring(0, 2000) : why;
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 10));
        this.nextAttemptAt = now.plusSeconds(seconds).truncatedTo(ChronoUnit.MICROS);
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

    public TransactionPurpose getPurpose() {
        return purpose;
    }

    public TransactionStatus getStatus() {
        return status;
    }

    public Long getNonce() {
        return nonce;
    }

    public byte[] getRaw() {
        return raw == null ? null : raw.clone();
    }

    public String getTxHash() {
        return txHash;
    }

    public Long getBlockNumber() {
        return blockNumber;
    }

    public String getBlockHash() {
        return blockHash;
    }

    public BigInteger getGasUsed() {
        return gasUsed;
    }

    public BigInteger getGasCostWei() {
        return gasCostWei;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
