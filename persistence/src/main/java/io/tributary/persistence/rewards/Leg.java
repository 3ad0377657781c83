package io.tributary.persistence.rewards;

import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;

/**
 * One account's share of a transfer, in base units: negative takes money out of the account (a debit), positive puts
 * money in (a credit).
 */
public record Leg(UUID accountId, BigInteger amount) {

    public Leg {
        Objects.requireNonNull(accountId, "A leg needs an account.");
        Objects.requireNonNull(amount, "A leg needs an amount.");
    }

    public static Leg of(UUID accountId, long amount) {
        return new Leg(accountId, BigInteger.valueOf(amount));
    }
}
