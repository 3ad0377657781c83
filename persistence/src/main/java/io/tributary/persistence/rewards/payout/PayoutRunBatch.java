package io.tributary.persistence.rewards.payout;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.util.UUID;

/**
 * Up to a few hundred payout lines paid in one PayoutBatcher transaction under a batch key the contract accepts only
 * once, with the pending ledger transfer that reserves their money until the transaction is confirmed or failed.
 */
@Entity
@Table(name = "payout_batch")
public class PayoutRunBatch {

    @Id
    private UUID id;

    /** The contract's bytes32 batch id, as 0x-prefixed lower-case hex. */
    @Column(name = "batch_key", nullable = false, updatable = false)
    private String batchKey;

    @Column(name = "run_id", nullable = false, updatable = false)
    private UUID runId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private int sequence;

    @Column(nullable = false, updatable = false)
    private int recipients;

    @Column(nullable = false, updatable = false, precision = 38)
    private BigInteger total;

    @Column(name = "transfer_id", nullable = false, updatable = false)
    private UUID transferId;

    @Column(name = "transaction_id", nullable = false, updatable = false)
    private UUID transactionId;

    protected PayoutRunBatch() {}

    public PayoutRunBatch(
            UUID id,
            String batchKey,
            UUID runId,
            UUID tenantId,
            int sequence,
            int recipients,
            BigInteger total,
            UUID transferId,
            UUID transactionId) {
        this.id = id;
        this.batchKey = batchKey;
        this.runId = runId;
        this.tenantId = tenantId;
        this.sequence = sequence;
        this.recipients = recipients;
        this.total = total;
        this.transferId = transferId;
        this.transactionId = transactionId;
    }

    public UUID getId() {
        return id;
    }

    public String getBatchKey() {
        return batchKey;
    }

    public UUID getRunId() {
        return runId;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public int getSequence() {
        return sequence;
    }

    public int getRecipients() {
        return recipients;
    }

    public BigInteger getTotal() {
        return total;
    }

    public UUID getTransferId() {
        return transferId;
    }

    public UUID getTransactionId() {
        return transactionId;
    }
}
