package io.tributary.devstack;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a fresh PostgreSQL and Keycloak once per integration-test run, before Arquillian starts WildFly (see
 * arquillian.xml for the properties that point WildFly at them), and stops them at the end.
 */
public class TestPlatform implements LauncherSessionListener {

    private DevStack stack;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String keycloakHome = System.getProperty("keycloak.home");
        if (keycloakHome == null) {
            return;
        }
        try {
            stack = new DevStack(Ports.TEST, Path.of("target/it-data"))
                    .startPostgres(true)
                    .startKeycloak(Path.of(keycloakHome));
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test platform", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (stack != null) {
            stack.close();
        }
    }
}
