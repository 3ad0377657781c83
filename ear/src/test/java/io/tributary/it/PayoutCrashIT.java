package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static io.tributary.it.OnChain.trib;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.Settings;
import io.tributary.chain.Bytes32;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.PaidBatch;
import io.tributary.chain.PayoutSender;
import io.tributary.devstack.DevStack;
import io.tributary.devstack.Ports;
import io.tributary.devstack.TestPlatform;
import io.tributary.devstack.WildFlyServer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The server's JVM killed with SIGKILL at each step of a payout, and restarted: after the commit of the run, after
 * signing, after broadcasting, and before reading the receipt. One payout (the demo's first, on a server of its own
 * with its own database) goes through all four crashes; every member is paid exactly once and the ledger reconciles.
 */
class PayoutCrashIT {

    private static final Ports PORTS = new Ports(Ports.TEST.postgres(), Ports.TEST.keycloak(), 2000);
    private static final String DATABASE = "tributary_crash";
    private static final CrashDatabase DB = new CrashDatabase(PORTS, DATABASE);
    private static final Map<String, BigInteger> DEMO_PAYOUT = Map.of(
            "carlos@acme.test", trib(300),
            "vera@acme.test", trib(120),
            "victor@acme.test", trib(80));

    private final Path base = Path.of("target/crash-server").toAbsolutePath();
    private final Path log = base.resolve("console.log");
    private WildFlyServer server;

    @Test
    void everyMemberIsPaidExactlyOnceWhateverStepTheServerDiesAt() throws Exception {
        CrashDatabase.deleteTree(base);
        DB.create();
        Map<String, BigInteger> before = new LinkedHashMap<>();
        DEMO_PAYOUT.keySet().forEach(email -> before.put(email, OnChain.tokens(demoAddress(email))));
        try {
            for (String step : List.of("after-commit", "after-sign", "after-broadcast", "before-receipt")) {
                start(Optional.of(step));
                awaitLog("FAULT POINT " + step + " reached", Duration.ofMinutes(4));
                killMinus9();
            }
            start(Optional.empty());
            await(
                    "the crashed payout to complete",
                    Duration.ofMinutes(2),
                    () -> "COMPLETED".equals(DB.query("select status from payout_run where kind = 'MANUAL'")));
            await(
                    "a clean reconciliation",
                    Duration.ofMinutes(2),
                    () -> "t"
                            .equals(DB.query(
                                    "select reconciled_ok from custodial_wallet w join tenant t on t.id = w.tenant_id"
                                            + " where t.alias = 'acme'")));
        } finally {
            killMinus9();
        }

        for (var expected : DEMO_PAYOUT.entrySet()) {
            assertThat(OnChain.tokens(demoAddress(expected.getKey())))
                    .as(expected.getKey())
                    .isEqualTo(before.get(expected.getKey()).add(expected.getValue()));
        }
        assertThat(DB.query("select count(*) from chain_transaction where purpose = 'PAYOUT_BATCH'"))
                .isEqualTo("1");
        String batchKey = DB.query("select batch_key from payout_batch");
        String wallet = DB.query("select address from custodial_wallet w join tenant t on t.id = w.tenant_id"
                + " where t.alias = 'acme'");
        var deployment = TestPlatform.deployment();
        List<PaidBatch> paid = OnChain.client()
                .paidBatches(
                        deployment.batcher(),
                        Optional.of(EvmAddress.of(wallet)),
                        deployment.startBlock(),
                        OnChain.client().latestBlockNumber());
        assertThat(paid).extracting(b -> b.batchId().hex()).containsExactly(batchKey);
        assertThat(new PayoutSender(OnChain.client(), deployment.token(), deployment.batcher())
                        .isPaid(EvmAddress.of(wallet), Bytes32.of(batchKey)))
                .isTrue();
        assertThat(DB.query("select count(*) from (select t.id from ledger_leg l join ledger_transfer t"
                        + " on t.id = l.transfer_id join ledger_account a on a.id = l.account_id"
                        + " group by t.id, a.currency having sum(l.amount) <> 0) unbalanced"))
                .isEqualTo("0");
        assertThat(DB.query("select count(*) from ledger_transfer where status = 'PENDING'"))
                .isEqualTo("0");
    }

    /** The address the demo registers for a person (see DemoRewards). */
    private static String demoAddress(String email) {
        byte[] hash = Hash.sha3(("tributary-demo:" + email).getBytes(StandardCharsets.UTF_8));
        return Keys.toChecksumAddress(Numeric.toHexString(hash, 12, 20, true));
    }

    private void start(Optional<String> pauseAt) throws IOException, InterruptedException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : DevStack.serverPropertyMap(
                        PORTS,
                        TestPlatform.deployment(),
                        Path.of(System.getProperty(Settings.CUSTODY_STORE_PATH.property())))
                .keySet()) {
            properties.put(name, System.getProperty(name));
        }
        properties.put(DevStack.DB_URL, PORTS.jdbcUrl(DATABASE));
        properties.put(
                Settings.CHAIN_RPC_URL.property(),
                TestPlatform.deployment().rpcUrl().toString());
        properties.put("jboss.node.name", "crash-node");
        pauseAt.ifPresent(step -> properties.put(Settings.FAULT_PAUSE_AT.property(), step));
        server = WildFlyServer.start(
                Path.of(System.getProperty("wildfly.home")),
                Path.of(System.getProperty("tributary.ear")),
                base,
                PORTS.wildflyOffset(),
                properties,
                log);
    }

    private void killMinus9() {
        if (server != null) {
            server.kill();
            server = null;
        }
    }

    private void awaitLog(String line, Duration timeout) {
        await("'" + line + "' in " + log, timeout, () -> {
            try {
                return Files.readString(log).contains(line);
            } catch (IOException e) {
                return false;
            }
        });
        // The next start appends: forget this line so a later wait cannot match it.
        try {
            Files.writeString(log, Files.readString(log).replace(line, "(reached)"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
