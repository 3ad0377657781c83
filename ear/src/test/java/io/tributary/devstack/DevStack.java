package io.tributary.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the real services Tributary runs on: an embedded PostgreSQL (databases {@code tributary} and
 * {@code keycloak}), Keycloak with the imported realms, and, for the run command, WildFly with the EAR.
 */
public final class DevStack implements AutoCloseable {

    public static final String DB_USER = "tributary";
    public static final String DB_PASSWORD = "tributary";

    private final Ports ports;
    private final Path data;
    private EmbeddedPostgres postgres;
    private final List<Process> processes = new ArrayList<>();

    public DevStack(Ports ports, Path data) {
        this.ports = ports;
        this.data = data;
    }

    public Ports ports() {
        return ports;
    }

    /** Starts PostgreSQL; with {@code fresh} its data directory is wiped first, otherwise kept across runs. */
    public DevStack startPostgres(boolean fresh) throws IOException, SQLException {
        Files.createDirectories(data);
        postgres = EmbeddedPostgres.builder()
                .setPort(ports.postgres())
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(fresh)
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            if (!exists(st, "select 1 from pg_roles where rolname = '" + DB_USER + "'")) {
                st.execute("create role " + DB_USER + " login password '" + DB_PASSWORD + "'");
            }
            for (String db : List.of("tributary", "keycloak")) {
                if (!exists(st, "select 1 from pg_database where datname = '" + db + "'")) {
                    st.execute("create database " + db + " owner " + DB_USER);
                }
            }
        }
        return this;
    }

    private static boolean exists(Statement st, String query) throws SQLException {
        try (ResultSet rs = st.executeQuery(query)) {
            return rs.next();
        }
    }

    /** Starts Keycloak on its own PostgreSQL database, importing the realms that do not exist yet. */
    public DevStack startKeycloak(Path keycloakHome) throws IOException, InterruptedException {
        List<String> command = List.of(
                keycloakHome.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + ports.keycloak(),
                "--hostname=" + ports.keycloakUrl(),
                "--import-realm",
                "--db=postgres",
                "--db-url=" + ports.jdbcUrl("keycloak"),
                "--db-username=" + DB_USER,
                "--db-password=" + DB_PASSWORD);
        start(command, Map.of("JAVA_OPTS_APPEND", "-Xmx768m"), "keycloak.log");
        awaitHttp(ports.keycloakUrl() + "/realms/tributary/.well-known/openid-configuration", Duration.ofMinutes(4));
        return this;
    }

    /**
     * Starts WildFly from its own base directory under the data folder (so its deployments and logs survive rebuilds)
     * with the EAR deployed, and waits until the application answers.
     */
    public DevStack startWildFly(Path wildflyHome, Path ear) throws IOException, InterruptedException {
        Path base = data.resolve("wildfly");
        if (!Files.exists(base)) {
            copyTree(wildflyHome.resolve("standalone"), base);
        }
        Files.copy(
                wildflyHome.resolve("standalone/configuration/standalone.xml"),
                base.resolve("configuration/standalone.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(ear, base.resolve("deployments/tributary.ear"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(
                wildflyHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + ports.wildflyOffset()));
        command.addAll(serverProperties(ports));
        start(command, Map.of("LAUNCH_JBOSS_IN_BACKGROUND", "1"), "wildfly.log");
        awaitHttp(ports.appUrl() + "/api/health", Duration.ofMinutes(4));
        return this;
    }

    /** The system properties that point the application at this stack. */
    public static List<String> serverProperties(Ports ports) {
        return List.of(
                "-Dtributary.db.url=" + ports.jdbcUrl("tributary"),
                "-Dtributary.keycloak.url=" + ports.keycloakUrl(),
                "-Dtributary.keycloak.public-url=" + ports.keycloakUrl(),
                "-Dtributary.demo=true");
    }

    private void start(List<String> command, Map<String, String> environment, String log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(data.resolve(log).toFile()));
        builder.environment().putAll(environment);
        processes.add(builder.start());
    }

    private void awaitHttp(String url, Duration timeout) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("A service exited early (exit " + p.exitValue() + "); see "
                            + data.toAbsolutePath() + "/*.log");
                }
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(url + " did not answer within " + timeout + "; see " + data + "/*.log");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Stops the services in reverse order: politely, then forcefully, including their child processes. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        processes.clear();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }
}
