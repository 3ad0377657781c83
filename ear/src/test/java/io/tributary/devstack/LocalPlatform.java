package io.tributary.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: starts PostgreSQL, Keycloak and WildFly with Tributary and the demo tenants, prints where to go and
 * who to sign in as, and stops everything on Ctrl-C. Data lives in {@code .tributary/} and survives restarts.
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
        System.out.println("Starting PostgreSQL, Keycloak and WildFly (data in " + data + ")…");
        stack.startPostgres(false)
                .startKeycloak(Path.of(System.getProperty("keycloak.home")))
                .startWildFly(
                        Path.of(System.getProperty("wildfly.home")), Path.of(System.getProperty("tributary.ear")));
        System.out.println(banner(Ports.RUN));
        stopped.await();
    }

    static String banner(Ports ports) {
        return """

                ================================================================
                 Tributary is running: %s
                 Keycloak: %s

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

                 Ctrl-C stops everything; data stays in .tributary/
                ================================================================
                """.formatted(ports.appUrl(), ports.keycloakUrl(), ports.keycloakUrl());
    }
}
