package io.tributary.devstack;

import io.tributary.chain.EvmAddress;
import java.net.URI;
import java.util.Objects;

/**
 * The chain settings the server needs, as {@link DevStack#startChain} leaves them: where the dev chain listens, the
 * reward contracts it deployed, and the key of the dev account that deployed them (admin, minter and anchorer).
 *
 * @param confirmations blocks (the including one counts) before the server books a transaction as final
 * @param startBlock the block the contracts were deployed in; the server scans their events from here
 * @param operatorKey hex private key ({@code 0x...}) of Hardhat's dev account 0, public knowledge and worthless on any
 *     real chain
 */
public record DevChainDeployment(
        URI rpcUrl,
        long chainId,
        int confirmations,
        EvmAddress token,
        EvmAddress batcher,
        EvmAddress registry,
        long startBlock,
        String operatorKey) {

    public DevChainDeployment {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(batcher, "batcher");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(operatorKey, "operatorKey");
    }

    /** Without the key: even a dev key should not end up in logs that get copied around. */
    @Override
    public String toString() {
        return "DevChainDeployment[rpcUrl=" + rpcUrl + ", chainId=" + chainId + ", confirmations=" + confirmations
                + ", token=" + token + ", batcher=" + batcher + ", registry=" + registry + ", startBlock=" + startBlock
                + ", operatorKey=(hidden)]";
    }
}
