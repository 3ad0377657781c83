package io.tributary.persistence.rewards.payout;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;

/** One member's share of a payout run: fixed when the run is requested, assigned to a batch when it is sent. */
@Entity
@Table(name = "payout_line")
@IdClass(PayoutLine.Key.class)
public class PayoutLine {

    /** Primary key: run and member. */
    public static class Key implements Serializable {
        private UUID runId;
        private UUID memberId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(runId, key.runId)
                    && Objects.equals(memberId, key.memberId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, memberId);
        }
    }

    @Id
    @Column(name = "run_id")
    private UUID runId;

    @Id
    @Column(name = "member_id")
    private UUID memberId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String address;

    @Column(nullable = false, updatable = false, precision = 38)
    private BigInteger amount;

    @Column(name = "batch_id")
    private UUID batchId;

    protected PayoutLine() {}

    public PayoutLine(UUID runId, UUID memberId, UUID tenantId, String address, BigInteger amount) {
        this.runId = runId;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.address = address;
        this.amount = amount;
    }

    public void assign(UUID batchId) {
        this.batchId = batchId;
    }

    public UUID getRunId() {
        return runId;
    }

    public UUID getMemberId() {
        return memberId;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getAddress() {
        return address;
    }

    public BigInteger getAmount() {
        return amount;
    }

    public UUID getBatchId() {
        return batchId;
    }
}
