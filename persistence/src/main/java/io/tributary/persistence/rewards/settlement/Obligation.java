package io.tributary.persistence.rewards.settlement;

import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;

/** What one organization is to send another on chain, in base units of TRIB. */
public record Obligation(UUID debtor, UUID creditor, BigInteger amount) {
    public Obligation {
        Objects.requireNonNull(debtor, "debtor");
        Objects.requireNonNull(creditor, "creditor");
        Objects.requireNonNull(amount, "amount");
    }
}
