package io.tributary.persistence.rewards.custody;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/** A token transfer into a tenant's wallet, credited to its treasury once it was deep enough; keyed by its log. */
@Entity
@Table(name = "chain_deposit")
@IdClass(ChainDeposit.Key.class)
public class ChainDeposit {

    /** Primary key: transaction hash and log index. */
    public static class Key implements Serializable {
        private String txHash;
        private int logIndex;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(txHash, key.txHash) && logIndex == key.logIndex;
        }

        @Override
        public int hashCode() {
            return Objects.hash(txHash, logIndex);
        }
    }

    @Id
    @Column(name = "tx_hash")
    private String txHash;

    @Id
    @Column(name = "log_index")
    private int logIndex;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "wallet_id", nullable = false, updatable = false)
    private UUID walletId;

    @Column(name = "from_address", nullable = false, updatable = false)
    private String fromAddress;

    @Column(nullable = false, updatable = false, precision = 38)
    private BigInteger amount;

    @Column(name = "block_number", nullable = false, updatable = false)
    private long blockNumber;

    @Column(name = "block_hash", nullable = false, updatable = false)
    private String blockHash;

    @Column(name = "transfer_id", nullable = false, updatable = false)
    private UUID transferId;

    @Column(name = "credited_at", nullable = false, updatable = false)
    private Instant creditedAt;

    protected ChainDeposit() {}

    public ChainDeposit(
            String txHash,
            int logIndex,
            UUID tenantId,
            UUID walletId,
            String fromAddress,
            BigInteger amount,
            long blockNumber,
            String blockHash,
            UUID transferId) {
        this.txHash = txHash;
        this.logIndex = logIndex;
        this.tenantId = tenantId;
        this.walletId = walletId;
        this.fromAddress = fromAddress;
        this.amount = amount;
        this.blockNumber = blockNumber;
        this.blockHash = blockHash;
        this.transferId = transferId;
        this.creditedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public String getTxHash() {
        return txHash;
    }

    public int getLogIndex() {
        return logIndex;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getWalletId() {
        return walletId;
    }

    public String getFromAddress() {
        return fromAddress;
    }

    public BigInteger getAmount() {
        return amount;
    }

    public long getBlockNumber() {
        return blockNumber;
    }

    public String getBlockHash() {
        return blockHash;
    }

    public UUID getTransferId() {
        return transferId;
    }

    public Instant getCreditedAt() {
        return creditedAt;
    }
}
