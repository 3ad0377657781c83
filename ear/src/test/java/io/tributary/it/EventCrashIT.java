package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.Settings;
import io.tributary.chain.AnchoredRoot;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ProvenanceAnchor;
import io.tributary.devstack.DevStack;
import io.tributary.devstack.Ports;
import io.tributary.devstack.TestPlatform;
import io.tributary.devstack.WildFlyServer;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/**
 * The server's JVM killed with SIGKILL after releases were published but before their ReleasePublished events were
 * delivered, and restarted: each release is anchored on chain exactly once, by the outbox alone. The kill lands in
 * that window by construction: the first start holds deliveries back an hour ({@code
 * tributary.fault.event-delay-seconds}), the second does not. Runs on a server of its own (port 10080) with its own
 * database; the demo's two releases are the ones published.
 */
class EventCrashIT {

    private static final Ports PORTS = new Ports(Ports.TEST.postgres(), Ports.TEST.keycloak(), 2000);
    private static final String DATABASE = "tributary_event_crash";
    private static final CrashDatabase DB = new CrashDatabase(PORTS, DATABASE);
    private static final String UNDELIVERED_ANCHORS = "select count(*) from event_delivery d join outbox_event e"
            + " on e.id = d.event_id where e.type = 'ReleasePublished' and d.status <> 'DELIVERED'";

    private final Path base = Path.of("target/event-crash-server").toAbsolutePath();
    private WildFlyServer server;

    @Test
    void aReleasePublishedBeforeTheServerDiesIsAnchoredExactlyOnceAfterTheRestart() throws Exception {
        CrashDatabase.deleteTree(base);
        DB.create();
        try {
            start(Map.of(Settings.FAULT_EVENT_DELAY.property(), "3600"));
            await(
                    "the demo's two releases, published with their events, not yet delivered",
                    Duration.ofMinutes(4),
                    () -> "2".equals(DB.query(UNDELIVERED_ANCHORS))
                            && "2".equals(DB.query("select count(*) from release where anchored_block is null")));
            assertThat(DB.query("select count(*) from event_delivery where attempts > 0"))
                    .as("nothing was attempted before the kill")
                    .isEqualTo("0");
            kill();

            start(Map.of());
            await(
                    "both releases anchored after the restart",
                    Duration.ofMinutes(4),
                    () -> "0".equals(DB.query(UNDELIVERED_ANCHORS))
                            && "0".equals(DB.query("select count(*) from release where anchored_block is null")));
        } finally {
            kill();
        }

        // Sent once each, by the delivery after the restart (a root found already anchored would have no transaction).
        assertThat(DB.query("select count(*) from release where anchor_tx like '0x%'"))
                .isEqualTo("2");
        assertThat(DB.query("select count(*) from event_delivery d join outbox_event e on e.id = d.event_id"
                        + " where e.type = 'ReleasePublished' and d.attempts = 1"))
                .isEqualTo("2");
        ProvenanceAnchor registry =
                new ProvenanceAnchor(OnChain.client(), TestPlatform.deployment().registry());
        List<AnchoredRoot> onChain = registry.anchoredRoots(
                TestPlatform.deployment().startBlock(), OnChain.client().latestBlockNumber());
        for (String root : roots()) {
            assertThat(registry.isAnchored(Bytes32.of(root))).as(root).isTrue();
            assertThat(onChain.stream().filter(a -> a.root().equals(Bytes32.of(root))))
                    .as("RootAnchored events for " + root)
                    .hasSize(1);
        }
    }

    private void start(Map<String, String> extra) throws IOException, InterruptedException {
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
        properties.put("jboss.node.name", "event-crash-node");
        properties.putAll(extra);
        server = WildFlyServer.start(
                Path.of(System.getProperty("wildfly.home")),
                Path.of(System.getProperty("tributary.ear")),
                base,
                PORTS.wildflyOffset(),
                properties,
                base.resolve("console.log"));
    }

    /** SIGKILL: no shutdown hook, no transaction completes. */
    private void kill() {
        if (server != null) {
            server.kill();
            server = null;
        }
    }

    private static List<String> roots() {
        List<String> roots = new ArrayList<>();
        try (Connection c =
                        DriverManager.getConnection(PORTS.jdbcUrl(DATABASE), DevStack.DB_USER, DevStack.DB_PASSWORD);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select merkle_root from release")) {
            while (rs.next()) roots.add(rs.getString(1));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(roots).hasSize(2);
        return roots;
    }
}
