package io.tributary.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** One WildFly process running the Tributary EAR from its own base directory: started, awaited, stopped or killed. */
public final class WildFlyServer implements AutoCloseable {

    // An integration-test server killed mid-deployment leaves its deployment in the distribution's standalone.xml.
    private static final Pattern DEPLOYMENTS = Pattern.compile("\\s*<deployments>.*?</deployments>", Pattern.DOTALL);
    private static final Duration STARTUP = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;

    private WildFlyServer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Prepares {@code base} from the distribution's configuration unless it exists, deploys the EAR, starts WildFly
     * with these system properties on the given port offset, and waits until the application answers.
     */
    public static WildFlyServer start(
            Path wildflyHome, Path ear, Path base, int portOffset, Map<String, String> properties, Path log)
            throws IOException, InterruptedException {
        Path configuration = base.resolve("configuration");
        if (!Files.exists(configuration)) {
            copyTree(wildflyHome.resolve("standalone/configuration"), configuration);
            Path standaloneXml = configuration.resolve("standalone.xml");
            Files.writeString(
                    standaloneXml,
                    DEPLOYMENTS.matcher(Files.readString(standaloneXml)).replaceAll(""));
        }
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(ear, base.resolve("deployments/tributary.ear"), StandardCopyOption.REPLACE_EXISTING);
        // The settings (secrets among them) go to WildFly in a file, not on its command line.
        Path settings = DevStack.writeServerProperties(properties, configuration.resolve("tributary.properties"));
        List<String> command = new ArrayList<>(List.of(
                wildflyHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "--properties=" + settings.toUri()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        WildFlyServer server = new WildFlyServer(builder.start(), log);
        try {
            server.awaitHealthy("http://localhost:" + (8080 + portOffset) + "/api/health");
        } catch (InterruptedException | RuntimeException e) {
            server.kill();
            throw e;
        }
        return server;
    }

    private void awaitHealthy(String url) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited early (exit " + process.exitValue() + "); see " + log);
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build();
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(url + " did not answer within " + STARTUP + "; see " + log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL to the JVM and its launcher: no shutdown hooks, no finally blocks, no clean disconnects. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops WildFly politely, then forcefully, with its child processes. */
    @Override
    public void close() {
        DevStack.stop(process);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.filter(p -> !p.toString().contains("standalone_xml_history"))
                    .toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
