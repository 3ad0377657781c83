package io.tributary.application.rewards;

import io.tributary.persistence.rewards.Balance;
import java.math.BigInteger;
import java.util.UUID;

/** An account's balances in base units: posted, reserved by pending debits, and awaiting pending credits. */
public record BalanceView(
        UUID accountId, String currency, BigInteger posted, BigInteger pendingDebits, BigInteger pendingCredits) {

    static BalanceView of(Balance b) {
        return new BalanceView(b.accountId(), b.currency(), b.posted(), b.pendingDebits(), b.pendingCredits());
    }

    /** What the owner can spend now. */
    public BigInteger available() {
        return posted.subtract(pendingDebits);
    }
}
