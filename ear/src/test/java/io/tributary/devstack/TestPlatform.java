package io.tributary.devstack;

import com.icegreen.greenmail.util.GreenMail;
import io.tributary.application.Settings;
import io.tributary.chain.dev.DevChain;
import java.nio.file.Path;
import java.util.Map;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a fresh PostgreSQL, Keycloak, Hardhat dev chain (reward contracts deployed) and custody credential store once
 * per integration-test run, before Arquillian starts WildFly, and stops them at the end. Every server property (see
 * {@link DevStack#serverPropertyMap}) is also set as a system property of this JVM, so that arquillian.xml passes them
 * to WildFly as {@code -Dname=${name}}.
 */
public class TestPlatform implements LauncherSessionListener {

    /** The system property naming the server settings file arquillian.xml passes to WildFly. */
    public static final String SERVER_PROPERTIES = "tributary.server.properties";

    private static volatile DevStack running;
    private static volatile ChainRelay relay;
    private static volatile TestDns dns;

    /** The test-only Keycloak client that may use the password grant (the realm's web client may not). */
    public static final String TEST_CLIENT = "tributary-test";

    public static final String TEST_CLIENT_SECRET = "tributary-test-secret";

    private DevStack stack;

    /** The running dev chain, for evm_snapshot / evm_revert / mining in tests. */
    public static DevChain chain() {
        return current().chain();
    }

    /** The contracts, operator key and endpoint the server was given. */
    public static DevChainDeployment deployment() {
        return current().deployment();
    }

    /** The relay the server reaches the chain through; cut it to take the node away from the server. */
    public static ChainRelay relay() {
        current();
        return relay;
    }

    /** The mail catcher every e-mail the server sends arrives in. */
    public static GreenMail mail() {
        return current().mail();
    }

    /** The DNS server the server reads domain proofs from. */
    public static TestDns dns() {
        current();
        return dns;
    }

    private static DevStack current() {
        DevStack stack = running;
        if (stack == null) {
            throw new IllegalStateException("The test platform is not running (is -Dkeycloak.home set?)");
        }
        return stack;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String keycloakHome = System.getProperty("keycloak.home");
        if (keycloakHome == null) {
            return;
        }
        try {
            stack = new DevStack(Ports.TEST, Path.of("target/it-data"));
            stack.discardServerState()
                    .startMailCatcher()
                    .startPostgres()
                    .startChain(LocalPlatform.hardhatHome())
                    .startKeycloak(Path.of(keycloakHome));
            Path custodyStore = stack.createCustodyStore();
            Map<String, String> properties =
                    DevStack.serverPropertyMap(stack.ports(), stack.deployment(), custodyStore);
            relay = new ChainRelay(stack.deployment().rpcUrl());
            properties.put(Settings.CHAIN_RPC_URL.property(), relay.url().toString());
            // Stuck payouts are re-signed with a higher fee after 6 s here (FeeBumpIT), not the default 2 minutes.
            properties.put(Settings.CHAIN_FEE_BUMP_AFTER.property(), "6");
            // Tests settle between organizations when they ask (POST /api/admin/settlements), never on a timer that
            // could move tokens while another test compares a wallet with its ledger.
            properties.put(Settings.SETTLEMENT_EVERY_MINUTES.property(), "0");
            dns = new TestDns();
            properties.put(Settings.DNS_SERVER.property(), dns.address());
            KeycloakTestClient.create(stack.ports(), TEST_CLIENT, TEST_CLIENT_SECRET);
            properties.put(Settings.KEYCLOAK_TOKEN_CLIENTS.property(), "tributary-web," + TEST_CLIENT);
            properties.forEach(System::setProperty);
            // arquillian.xml hands this file to WildFly (--properties): the secrets in it stay off the command line.
            System.setProperty(
                    SERVER_PROPERTIES,
                    DevStack.writeServerProperties(properties, Path.of("target/it-data/server.properties"))
                            .toUri()
                            .toString());
            running = stack;
        } catch (Exception e) {
            if (stack != null) {
                stack.close();
            }
            throw new IllegalStateException("Could not start the test platform", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (stack != null) {
            running = null;
            relay.close();
            dns.close();
            stack.close();
        }
    }
}
