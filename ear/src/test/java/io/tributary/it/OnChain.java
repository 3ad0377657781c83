package io.tributary.it;

import io.tributary.chain.ChainClient;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.RewardContracts;
import io.tributary.chain.SigningKey;
import io.tributary.chain.dev.DevChain;
import io.tributary.devstack.DevChainDeployment;
import io.tributary.devstack.DevStack;
import io.tributary.devstack.TestPlatform;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The tests' own view of the dev chain, straight to the node (not through the relay the server uses). */
final class OnChain {

    static final BigInteger TRIB = BigInteger.TEN.pow(18);

    private static ChainClient client;

    private OnChain() {}

    static synchronized ChainClient client() {
        if (client == null) {
            DevChainDeployment d = TestPlatform.deployment();
            client = ChainClient.connect(
                    new io.tributary.chain.ChainEndpoint(d.rpcUrl(), d.chainId(), d.confirmations()));
        }
        return client;
    }

    static BigInteger tokens(String address) {
        return client().tokenBalance(
                        TestPlatform.deployment().token(), EvmAddress.of(address), client().latestBlockNumber());
    }

    /** The operator mints TRIB straight to an address: a deposit from outside Tributary. */
    static void mint(String address, long wholeTrib) {
        SigningKey minter = DevChain.devAccount(DevStack.TEST_MINTER);
        new RewardContracts(client())
                .mint(minter, TestPlatform.deployment().token(), EvmAddress.of(address), trib(wholeTrib));
    }

    static BigInteger trib(long whole) {
        return BigInteger.valueOf(whole).multiply(TRIB);
    }

    static BigInteger trib(String decimal) {
        return new BigDecimal(decimal).multiply(new BigDecimal(TRIB)).toBigIntegerExact();
    }

    /** Polls until the condition holds, failing with the message after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
