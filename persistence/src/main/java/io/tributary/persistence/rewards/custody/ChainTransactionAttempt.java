package io.tributary.persistence.rewards.custody;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One signed version of a wallet transaction: the first, and each fee bump of the same nonce. Any of them may be the
 * one mined, so all are kept and watched; the ledger books whichever it is, once.
 */
@Entity
@Table(name = "chain_transaction_attempt")
public class ChainTransactionAttempt {

    @Id
    @Column(name = "tx_hash")
    private String txHash;

    @Column(name = "transaction_id", nullable = false, updatable = false)
    private UUID transactionId;

    @Column(nullable = false, updatable = false)
    private byte[] raw;

    @Column(name = "max_fee_per_gas", nullable = false, updatable = false, precision = 38)
    private BigInteger maxFeePerGas;

    @Column(name = "priority_fee", nullable = false, updatable = false, precision = 38)
    private BigInteger priorityFee;

    @Column(name = "signed_at", nullable = false, updatable = false)
    private Instant signedAt;

    protected ChainTransactionAttempt() {}

    public ChainTransactionAttempt(
            UUID transactionId, String txHash, byte[] raw, BigInteger maxFeePerGas, BigInteger priorityFee) {
        this.transactionId = transactionId;
        this.txHash = txHash;
        this.raw = raw.clone();
        this.maxFeePerGas = maxFeePerGas;
        this.priorityFee = priorityFee;
        this.signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public String getTxHash() {
        return txHash;
    }

    public UUID getTransactionId() {
        return transactionId;
    }

    public byte[] getRaw() {
        return raw.clone();
    }

    public BigInteger getMaxFeePerGas() {
        return maxFeePerGas;
    }

    public BigInteger getPriorityFee() {
        return priorityFee;
    }

    public Instant getSignedAt() {
        return signedAt;
    }
}
