package io.tributary.persistence.rewards;

import java.math.BigInteger;
import java.util.UUID;

/** An account's balances in base units: posted, reserved by pending debits, and awaiting pending credits. */
public record Balance(
        UUID accountId, String currency, BigInteger posted, BigInteger pendingDebits, BigInteger pendingCredits) {

    /** What the owner can spend now. */
    public BigInteger available() {
        return posted.subtract(pendingDebits);
    }
}
