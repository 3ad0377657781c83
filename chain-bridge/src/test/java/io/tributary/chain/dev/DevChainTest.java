package io.tributary.chain.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.chain.ChainClient;
import io.tributary.chain.ChainUnavailableException;
import io.tributary.chain.ContractCall;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.SignedTransaction;
import io.tributary.chain.TransactionBroadcaster;
import io.tributary.chain.TransactionSigner;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Its own node, because this test is about starting and stopping one. */
class DevChainTest {
    @Test
    void startsOnLoopbackWithFundedDevAccountsAndStopsCompletely() throws Exception {
        DevChain chain = DevChain.start();
        ChainClient client = ChainClient.connect(chain.endpoint(1));
        SignedTransaction signed;
        try {
            assertThat(chain.rpcUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(client.chainIdReportedByNode()).isEqualTo(DevChain.CHAIN_ID);
            assertThat(DevChain.devAccounts()).hasSize(10).doesNotHaveDuplicates();
            EvmAddress last = EvmAddress.of(DevChain.devAccount(9));
            assertThat(client.nativeBalance(last, client.latestBlockNumber()))
                    .isEqualTo(BigInteger.TEN.pow(22)); // 10 000 ETH

            signed = new TransactionSigner(DevChain.CHAIN_ID)
                    .sign(
                            DevChain.devAccount(1),
                            new ContractCall(last, "0x", BigInteger.ONE, BigInteger.valueOf(21_000)),
                            0,
                            client.suggestFees());
            String snapshot = chain.snapshot();
            chain.mine(3);
            assertThat(client.latestBlockNumber()).isEqualTo(3);
            assertThat(chain.revert(snapshot)).isTrue();
            assertThat(client.latestBlockNumber()).isZero();
        } finally {
            chain.close();
        }

        assertThat(chain.isRunning()).isFalse();
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", chain.port()), 500);
                    }
                })
                .isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(client::latestBlockNumber).isInstanceOf(ChainUnavailableException.class);
        // A broadcast to a node that is down neither succeeds nor fails the payout: it is retried later.
        assertThatThrownBy(() -> new TransactionBroadcaster(client).broadcast(signed))
                .isInstanceOf(ChainUnavailableException.class);
        client.close();
    }

    @Test
    void intervalMiningProducesBlocksWithoutTransactions() throws Exception {
        try (DevChain chain = DevChain.start();
                ChainClient client = ChainClient.connect(chain.endpoint(1))) {
            long before = client.latestBlockNumber();
            Thread.sleep(400);
            assertThat(client.latestBlockNumber()).isEqualTo(before); // automine only: no transactions, no blocks

            chain.setIntervalMining(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (client.latestBlockNumber() < before + 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(client.latestBlockNumber()).isGreaterThanOrEqualTo(before + 3);

            chain.setIntervalMining(0);
            Thread.sleep(250); // a block already being mined may still land
            long stopped = client.latestBlockNumber();
            Thread.sleep(400);
            assertThat(client.latestBlockNumber()).isEqualTo(stopped);
        }
    }
}
