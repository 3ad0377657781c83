package io.tributary.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** Payouts that land together in one transaction, at most once per batch id and paying wallet. */
public record PayoutBatch(Bytes32 id, List<Payout> payouts) {
    public PayoutBatch {
        Objects.requireNonNull(id, "id");
        payouts = List.copyOf(payouts);
        if (payouts.isEmpty()) {
            throw new IllegalArgumentException("a batch pays at least one recipient");
        }
    }

    public BigInteger total() {
        return payouts.stream().map(Payout::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
