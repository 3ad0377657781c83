package io.tributary.persistence.rewards;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One account's share of a stored transfer; written once with its transfer and never changed. */
@Entity
@Immutable
@IdClass(LedgerLeg.Key.class)
@Table(name = "ledger_leg")
public class LedgerLeg {

    /** The composite primary key: a transfer's legs are numbered from zero in the order the caller gave them. */
    public record Key(UUID transferId, int sequence) implements Serializable {}

    @Id
    @Column(name = "transfer_id")
    private UUID transferId;

    @Id
    private int sequence;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(nullable = false, precision = 38)
    private BigInteger amount;

    protected LedgerLeg() {}

    LedgerLeg(UUID transferId, int sequence, Leg leg) {
        this.transferId = transferId;
        this.sequence = sequence;
        this.accountId = leg.accountId();
        this.amount = leg.amount();
    }

    public UUID getTransferId() {
        return transferId;
    }

    public int getSequence() {
        return sequence;
    }

    public UUID getAccountId() {
        return accountId;
    }

    public BigInteger getAmount() {
        return amount;
    }

    public Leg leg() {
        return new Leg(accountId, amount);
    }
}
