package io.tributary.chain;

import java.net.URI;
import java.util.Objects;

/**
 * Where the chain is and how far to trust it: any EVM JSON-RPC URL, the chain id signatures are bound to, and how
 * many blocks (the including block counts as one) make a transaction final enough to book.
 */
public record ChainEndpoint(URI rpcUrl, long chainId, int confirmations) {
    public ChainEndpoint {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive");
        }
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1 (the including block)");
        }
    }

    public ChainEndpoint withConfirmations(int confirmations) {
        return new ChainEndpoint(rpcUrl, chainId, confirmations);
    }
}
