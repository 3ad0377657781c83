package io.tributary.devstack;

import io.tributary.chain.dev.DevChain;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: starts PostgreSQL, Keycloak, a Hardhat dev chain with the reward contracts, the custody credential
 * store and WildFly with Tributary and the demo tenants, prints where to go and who to sign in as, and stops everything
 * on Ctrl-C. The dev chain lives in memory, so every run starts from fresh data in {@code .tributary/}: a ledger kept
 * from an earlier run would refer to transactions and contracts the new chain has never seen.
 */
public final class LocalPlatform {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("tributary.data", ".tributary")).toAbsolutePath();
        DevStack stack = new DevStack(Ports.RUN, data);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Tributary…");
            stack.close();
            stopped.countDown();
        }));
        System.out.println("Starting PostgreSQL, Keycloak, the dev chain and WildFly (data in " + data + ")…");
        System.out.println("The dev chain lives in memory, so each run starts from fresh demo data.");
        stack.discardServerState()
                .startMailCatcher()
                .startPostgres()
                .startChain(hardhatHome())
                .startKeycloak(Path.of(System.getProperty("keycloak.home")));
        stack.createCustodyStore();
        stack.startWildFly(Path.of(System.getProperty("wildfly.home")), Path.of(System.getProperty("tributary.ear")));
        System.out.println(banner(Ports.RUN, stack.deployment()));
        stopped.await();
    }

    /** The chain-bridge folder with node_modules/hardhat, from -Dtributary.chain.hardhatHome or TRIBUTARY_HARDHAT_HOME. */
    static Path hardhatHome() {
        String home = System.getProperty(DevChain.HARDHAT_HOME_PROPERTY, System.getenv("TRIBUTARY_HARDHAT_HOME"));
        if (home == null) {
            throw new IllegalStateException("Set -D" + DevChain.HARDHAT_HOME_PROPERTY
                    + " (or TRIBUTARY_HARDHAT_HOME) to the chain-bridge folder holding node_modules/hardhat");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    static String banner(Ports ports, DevChainDeployment chain) {
        return """

                ================================================================
                 Tributary is running: %s
                 Keycloak: %s
                 Dev chain: %s (Hardhat, chain id %d); explorer links off

                 Demo logins (password: demo)
                   pat@tributary.test    platform admin (admin console)
                   olivia@acme.test      Acme Health org admin
                   carlos@acme.test      Acme Health contributor
                   vera@acme.test        Acme Health validator
                   victor@acme.test      Acme Health validator
                   mia@acme.test         Acme Health model builder
                   gina@globex.test      Globex Legal org admin
                   gus@globex.test       Globex Legal contributor
                   gwen@globex.test      Globex Legal validator

                 Try enterprise SSO: sign in as gina, Organization > SSO, connect
                   issuer %s/realms/globex-corp, client tributary-broker,
                   secret globex-broker-secret, domain globex-corp.test;
                   then sign in as hana@globex-corp.test (password demo).
                   (Staff approved globex-corp.test for Globex ahead; any
                   other domain waits for its DNS TXT record or for pat's
                   approval under Admin > Domain claims.)

                 E-mail (invitations) goes to a local mail catcher on SMTP
                   127.0.0.1:%d; each invitation link is also logged in
                   .tributary/wildfly.log (search "Demo: invitation").

                 Ctrl-C stops everything. The dev chain lives in memory, so
                 the next run starts again from fresh demo data.
                ================================================================
                """.formatted(
                        ports.appUrl(),
                        ports.keycloakUrl(),
                        chain.rpcUrl(),
                        chain.chainId(),
                        ports.keycloakUrl(),
                        ports.smtp());
    }
}
