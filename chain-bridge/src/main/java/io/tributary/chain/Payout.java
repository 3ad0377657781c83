package io.tributary.chain;

import java.math.BigInteger;
import java.util.Objects;

/** One recipient's share of a payout batch, in the token's smallest unit. */
public record Payout(EvmAddress recipient, BigInteger amount) {
    public Payout {
        Objects.requireNonNull(recipient, "recipient");
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }
}
