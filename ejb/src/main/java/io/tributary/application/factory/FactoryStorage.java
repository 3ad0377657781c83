package io.tributary.application.factory;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the factory keeps files, under the server's data directory (shared storage in a cluster, so that any node
 * can resume any run): {@code factory/bases/<sha256>} and {@code factory/runs/<run>/{checkpoints,adapter}}.
 */
public final class FactoryStorage {

    private FactoryStorage() {}

    public static Path root() {
        return Path.of(System.getProperty("jboss.server.data.dir", ".tributary"), "factory");
    }

    public static Path bases() {
        return root().resolve("bases");
    }

    public static Path run(UUID runId) {
        return root().resolve("runs").resolve(runId.toString());
    }

    public static Path checkpoints(UUID runId) {
        return run(runId).resolve("checkpoints");
    }

    public static Path adapter(UUID runId) {
        return run(runId).resolve("adapter");
    }
}
