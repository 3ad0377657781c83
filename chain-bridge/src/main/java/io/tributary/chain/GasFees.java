package io.tributary.chain;

import java.math.BigInteger;
import java.util.Objects;

/** EIP-1559 fee caps in wei per gas: the most the sender pays per gas and the part of it that tips the block builder. */
public record GasFees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    public GasFees {
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new IllegalArgumentException("priority fee above max fee");
        }
    }
}
