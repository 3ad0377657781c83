package io.tributary.persistence.rewards;

import java.math.BigInteger;
import java.util.UUID;

/** A debit larger than what an account that may not go negative has available (pending debits already reserved). */
public class InsufficientFunds extends LedgerException {

    private final UUID accountId;
    private final BigInteger available;
    private final BigInteger requested;

    public InsufficientFunds(UUID transferId, LedgerAccount account, BigInteger requested) {
        super("Transfer " + transferId + " needs " + requested + " " + account.getCurrency() + " from "
                + account.describe() + ", which has " + account.available() + " available (posted "
                + account.getPostedBalance() + ", reserved by pending transfers " + account.getPendingDebits()
                + "): short by " + requested.subtract(account.available()) + ".");
        this.accountId = account.getId();
        this.available = account.available();
        this.requested = requested;
    }

    public UUID accountId() {
        return accountId;
    }

    public BigInteger available() {
        return available;
    }

    public BigInteger requested() {
        return requested;
    }

    public BigInteger shortfall() {
        return requested.subtract(available);
    }
}
