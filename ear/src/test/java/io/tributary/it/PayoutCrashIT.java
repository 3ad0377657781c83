package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static io.tributary.it.OnChain.trib;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.chain.Bytes32;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.PaidBatch;
import io.tributary.chain.PayoutSender;
import io.tributary.devstack.DevStack;
import io.tributary.devstack.Ports;
import io.tributary.devstack.TestPlatform;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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
    private static final Map<String, BigInteger> DEMO_PAYOUT = Map.of(
            "carlos@acme.test", trib(300),
            "vera@acme.test", trib(120),
            "victor@acme.test", trib(80));

    private final Path base = Path.of("target/crash-server").toAbsolutePath();
    private final Path log = base.resolve("console.log");
    private Process server;

    @Test
    void everyMemberIsPaidExactlyOnceWhateverStepTheServerDiesAt() throws Exception {
        deleteTree(base);
        createDatabase();
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
                    () -> "COMPLETED".equals(query("select status from payout_run where kind = 'MANUAL'")));
            await(
                    "a clean reconciliation",
                    Duration.ofMinutes(2),
                    () -> "t"
                            .equals(query(
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
        assertThat(query("select count(*) from chain_transaction where purpose = 'PAYOUT_BATCH'"))
                .isEqualTo("1");
        String batchKey = query("select batch_key from payout_batch");
        String wallet = query("select address from custodial_wallet w join tenant t on t.id = w.tenant_id"
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
        assertThat(query("select count(*) from (select t.id from ledger_leg l join ledger_transfer t"
                        + " on t.id = l.transfer_id join ledger_account a on a.id = l.account_id"
                        + " group by t.id, a.currency having sum(l.amount) <> 0) unbalanced"))
                .isEqualTo("0");
        assertThat(query("select count(*) from ledger_transfer where status = 'PENDING'"))
                .isEqualTo("0");
    }

    /** The address the demo registers for a person (see DemoRewards). */
    private static String demoAddress(String email) {
        byte[] hash = Hash.sha3(("tributary-demo:" + email).getBytes(StandardCharsets.UTF_8));
        return Keys.toChecksumAddress(Numeric.toHexString(hash, 12, 20, true));
    }

    private void start(Optional<String> pauseAt) throws IOException, InterruptedException {
        Path wildflyHome = Path.of(System.getProperty("wildfly.home"));
        if (!Files.exists(base.resolve("configuration"))) {
            copy(wildflyHome.resolve("standalone/configuration"), base.resolve("configuration"));
            Files.createDirectories(base.resolve("deployments"));
            Files.copy(Path.of(System.getProperty("tributary.ear")), base.resolve("deployments/tributary.ear"));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : DevStack.serverPropertyMap(
                        PORTS, TestPlatform.deployment(), Path.of(System.getProperty(DevStack.CUSTODY_STORE_PATH)))
                .keySet()) {
            properties.put(name, System.getProperty(name));
        }
        properties.put(DevStack.DB_URL, PORTS.jdbcUrl(DATABASE));
        properties.put(
                DevStack.CHAIN_RPC_URL, TestPlatform.deployment().rpcUrl().toString());
        pauseAt.ifPresent(step -> properties.put("tributary.fault.pause-at", step));
        List<String> command = new ArrayList<>(List.of(
                wildflyHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.node.name=crash-node",
                "-Djboss.socket.binding.port-offset=" + PORTS.wildflyOffset()));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        server = builder.start();
        awaitHealthy();
    }

    /** SIGKILL to WildFly's JVM and its launcher: no shutdown hooks, no finally blocks, no clean disconnects. */
    private void killMinus9() throws InterruptedException {
        if (server == null) return;
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly().waitFor();
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server = null;
        Thread.sleep(500);
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) throw new AssertionError("The crash server exited; see " + log);
            try {
                HttpResponse<Void> answer = http.send(
                        HttpRequest.newBuilder(URI.create(PORTS.appUrl() + "/api/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("The crash server did not start; see " + log);
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

    private static void createDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(PORTS.jdbcUrl("postgres"), "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("drop database if exists " + DATABASE);
            st.execute("create database " + DATABASE + " owner " + DevStack.DB_USER);
        }
    }

    private static String query(String sql) {
        try (Connection c =
                        DriverManager.getConnection(PORTS.jdbcUrl(DATABASE), DevStack.DB_USER, DevStack.DB_PASSWORD);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
