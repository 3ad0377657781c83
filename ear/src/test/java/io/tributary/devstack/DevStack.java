package io.tributary.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.tributary.application.Settings;
import io.tributary.chain.ChainClient;
import io.tributary.chain.DeployedContracts;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.RewardContracts;
import io.tributary.chain.SigningKey;
import io.tributary.chain.dev.DevChain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyGenerator;
import org.wildfly.security.auth.server.IdentityCredentials;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.SecretKeyCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;
import org.wildfly.security.credential.store.impl.KeyStoreCredentialStore;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * Starts and stops the real services Tributary runs on: an embedded PostgreSQL (databases {@code tributary} and
 * {@code keycloak}), Keycloak with the imported realms, a Hardhat dev chain with the reward contracts deployed, an
 * Elytron credential store holding the custody master key, and, for the run command, WildFly with the EAR.
 */
public final class DevStack implements AutoCloseable {

    /** The schema owner: Flyway migrates as this role (and Keycloak uses it for its own database). */
    public static final String DB_USER = "tributary";

    public static final String DB_PASSWORD = "tributary";
    /** The role the application connects as: reads and writes rows, but creates, alters and drops nothing. */
    public static final String APP_DB_USER = "tributary_app";
    /** Dev and test stacks only, like the other dev secrets. */
    public static final String APP_DB_PASSWORD = "tributary-app";

    /** Blocks (the including one counts) before the server books a dev-chain transaction as final. */
    public static final int CHAIN_CONFIRMATIONS = 2;

    /** The dev account tests mint deposits with (account 0 is the server's operator). */
    public static final int TEST_MINTER = 1;
    /** With interval mining a block arrives every second even when nobody sends, so confirmations are reached. */
    public static final long CHAIN_BLOCK_INTERVAL_MILLIS = 1000;

    public static final String TOKEN_NAME = "Tributary Reward";
    public static final String TOKEN_SYMBOL = "TRIB";

    /** The custody store's file, under the data folder. */
    public static final String CUSTODY_STORE_FILE = "custody/tributary-custody.cs";
    /** Dev and test stacks only: a fixed, published password. Production stores get a secret one. */
    public static final String CUSTODY_STORE_PASSWORD = "tributary-dev-store";
    /** Elytron's default store type, as the CLI and elytron-tool create it. */
    public static final String CUSTODY_STORE_TYPE = "JCEKS";
    /** Alias of the AES-256 master key in the store (the server's current master key id). */
    public static final String CUSTODY_MASTER_KEY_ID = "master-1";

    /** The datasource's URL property (configure.cli); every other server setting is one of {@link Settings}. */
    public static final String DB_URL = "tributary.db.url";

    /** The mail session's SMTP server (configure.cli). */
    public static final String SMTP_HOST = "tributary.smtp.host";

    public static final String SMTP_PORT = "tributary.smtp.port";

    private final Ports ports;
    private final Path data;
    private EmbeddedPostgres postgres;
    private DevChain chain;
    private DevChainDeployment deployment;
    private Path custodyStore;
    private final List<Process> processes = new ArrayList<>();
    private WildFlyServer wildfly;
    private GreenMail mail;

    public DevStack(Ports ports, Path data) {
        this.ports = ports;
        this.data = data;
    }

    public Ports ports() {
        return ports;
    }

    /** The running dev chain (for snapshots, reverts and mining in tests); {@code null} before {@link #startChain}. */
    public DevChain chain() {
        return chain;
    }

    /** What {@link #startChain} deployed; {@code null} before. */
    public DevChainDeployment deployment() {
        return deployment;
    }

    /**
     * Deletes the state that only makes sense together with the in-memory chain: PostgreSQL's data (the ledger and
     * Keycloak's), WildFly's base directory and the custody store. Logs stay.
     */
    public DevStack discardServerState() throws IOException {
        deleteTree(data.resolve("postgres"));
        deleteTree(data.resolve("wildfly"));
        deleteTree(data.resolve(CUSTODY_STORE_FILE).getParent());
        return this;
    }

    /** Starts the mail catcher: an SMTP server on loopback that keeps every message (for invitation links). */
    public DevStack startMailCatcher() {
        mail = new GreenMail(new ServerSetup(ports.smtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return this;
    }

    /** The mail catcher's inbox; {@code null} before {@link #startMailCatcher}. */
    public GreenMail mail() {
        return mail;
    }

    /** Starts PostgreSQL in the data folder (empty after {@link #discardServerState()}). */
    public DevStack startPostgres() throws IOException, SQLException {
        Files.createDirectories(data);
        postgres = EmbeddedPostgres.builder()
                .setPort(ports.postgres())
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(true)
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            if (!exists(st, "select 1 from pg_roles where rolname = '" + DB_USER + "'")) {
                st.execute("create role " + DB_USER + " login password '" + DB_PASSWORD + "'");
            }
            if (!exists(st, "select 1 from pg_roles where rolname = '" + APP_DB_USER + "'")) {
                st.execute("create role " + APP_DB_USER + " login password '" + APP_DB_PASSWORD + "'");
            }
            for (String db : List.of("tributary", "keycloak")) {
                if (!exists(st, "select 1 from pg_database where datname = '" + db + "'")) {
                    st.execute("create database " + db + " owner " + DB_USER);
                }
            }
        }
        // Before PostgreSQL 15 everyone may create tables in the public schema: only its owner may, and that is the
        // schema owner role, not the application's.
        try (Connection c = postgres.getDatabase("postgres", "tributary").getConnection();
                Statement st = c.createStatement()) {
            st.execute("alter schema public owner to " + DB_USER);
            st.execute("revoke create on schema public from public");
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
     * Starts a Hardhat node from {@code hardhatHome} (the chain-bridge folder, holding node_modules/hardhat), deploys
     * the reward contracts from dev account 0 and turns on interval mining. The chain lives in memory: it is gone after
     * {@link #close()}.
     */
    public DevStack startChain(Path hardhatHome) {
        chain = DevChain.start(hardhatHome);
        try {
            SigningKey operator = DevChain.devAccount(0);
            DeployedContracts contracts;
            try (ChainClient client = ChainClient.connect(chain.endpoint(1))) {
                RewardContracts admin = new RewardContracts(client);
                contracts = admin.deploy(operator, TOKEN_NAME, TOKEN_SYMBOL);
                // Tests mint with their own key, so they never race the server for the operator's nonces.
                admin.grantRole(
                        operator,
                        contracts.rewardToken(),
                        RewardContracts.MINTER_ROLE,
                        EvmAddress.of(DevChain.devAccount(TEST_MINTER)));
            }
            chain.setIntervalMining(CHAIN_BLOCK_INTERVAL_MILLIS);
            deployment = new DevChainDeployment(
                    chain.rpcUrl(),
                    DevChain.CHAIN_ID,
                    CHAIN_CONFIRMATIONS,
                    contracts.rewardToken(),
                    contracts.payoutBatcher(),
                    contracts.provenanceRegistry(),
                    contracts.deployedAtBlock(),
                    DevChain.devPrivateKey(0));
        } catch (RuntimeException e) {
            chain.close();
            chain = null;
            throw e;
        }
        return this;
    }

    /**
     * Creates, unless it exists, the Elytron credential store {@code <data>/custody/tributary-custody.cs} (JCEKS) with
     * a random AES-256 master key under alias {@value #CUSTODY_MASTER_KEY_ID}, as an operator would with
     * {@code elytron-tool.sh credential-store --create --generate-secret-key}. Returns its absolute path.
     */
    public Path createCustodyStore() throws IOException, GeneralSecurityException {
        Path store = data.resolve(CUSTODY_STORE_FILE).toAbsolutePath();
        if (!Files.exists(store)) {
            Files.createDirectories(store.getParent());
            CredentialStore writable = CredentialStore.getInstance(
                    KeyStoreCredentialStore.KEY_STORE_CREDENTIAL_STORE,
                    WildFlyElytronCredentialStoreProvider.getInstance());
            writable.initialize(
                    Map.of(
                            "location",
                            store.toString(),
                            "keyStoreType",
                            CUSTODY_STORE_TYPE,
                            "create",
                            "true",
                            "modifiable",
                            "true"),
                    new CredentialStore.CredentialSourceProtectionParameter(
                            IdentityCredentials.NONE.withCredential(new PasswordCredential(ClearPassword.createRaw(
                                    ClearPassword.ALGORITHM_CLEAR, CUSTODY_STORE_PASSWORD.toCharArray())))));
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            writable.store(CUSTODY_MASTER_KEY_ID, new SecretKeyCredential(generator.generateKey()));
            writable.flush();
        }
        custodyStore = store;
        return store;
    }

    /**
     * Starts WildFly from its own base directory under the data folder with the EAR deployed and pointed at this
     * stack's PostgreSQL, Keycloak, chain and custody store, and waits until the application answers.
     */
    public DevStack startWildFly(Path wildflyHome, Path ear) throws IOException, InterruptedException {
        if (deployment == null || custodyStore == null) {
            throw new IllegalStateException("Start the chain and create the custody store before WildFly");
        }
        Map<String, String> properties = new LinkedHashMap<>(serverPropertyMap(ports, deployment, custodyStore));
        // Outside WildFly's folder (wiped at each start): the demo's trained run is reused across starts.
        properties.put(
                Settings.FACTORY_CACHE_DIR.property(),
                data.resolve("factory-cache").toString());
        wildfly = WildFlyServer.start(
                wildflyHome,
                ear,
                data.resolve("wildfly"),
                ports.wildflyOffset(),
                properties,
                data.resolve("wildfly.log"));
        return this;
    }

    /** The system properties that point the application at this stack, as {@code -Dname=value} arguments. */
    public static List<String> serverProperties(Ports ports, DevChainDeployment chain, Path custodyStore) {
        return serverPropertyMap(ports, chain, custodyStore).entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue())
                .toList();
    }

    /** The system properties that point the application at this stack, by name (in a stable order). */
    public static Map<String, String> serverPropertyMap(Ports ports, DevChainDeployment chain, Path custodyStore) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(DB_URL, ports.jdbcUrl("tributary"));
        properties.put("tributary.db.user", APP_DB_USER);
        properties.put(Settings.DB_PASSWORD.property(), APP_DB_PASSWORD);
        properties.put("tributary.db.owner.user", DB_USER);
        properties.put("tributary.db.owner.password", DB_PASSWORD);
        properties.put(Settings.PROFILE.property(), "dev");
        properties.put(Settings.OIDC_SECRET.property(), "tributary-web-dev-secret");
        properties.put(Settings.KEYCLOAK_ADMIN_SECRET.property(), "tributary-admin-dev-secret");
        properties.put(Settings.KEYCLOAK_URL.property(), ports.keycloakUrl());
        properties.put(Settings.KEYCLOAK_PUBLIC_URL.property(), ports.keycloakUrl());
        properties.put(Settings.PUBLIC_URL.property(), ports.appUrl());
        // The dev stack's Keycloak is on loopback over http: the one identity provider allowed there (demo SSO).
        properties.put(Settings.SSO_ALLOWED_ORIGINS.property(), ports.keycloakUrl());
        properties.put(SMTP_HOST, "127.0.0.1");
        properties.put(SMTP_PORT, String.valueOf(ports.smtp()));
        properties.put(Settings.DEMO.property(), "true");
        // The dev and test stacks serve plain http on localhost: no Secure cookie flag, no HSTS.
        properties.put(Settings.HTTP_SECURE.property(), "false");
        properties.put(Settings.CHAIN_RPC_URL.property(), chain.rpcUrl().toString());
        properties.put(Settings.CHAIN_ID.property(), String.valueOf(chain.chainId()));
        properties.put(Settings.CHAIN_CONFIRMATIONS.property(), String.valueOf(chain.confirmations()));
        properties.put(Settings.CHAIN_TOKEN.property(), chain.token().hex());
        properties.put(Settings.CHAIN_BATCHER.property(), chain.batcher().hex());
        properties.put(Settings.CHAIN_REGISTRY.property(), chain.registry().hex());
        properties.put(Settings.CHAIN_START_BLOCK.property(), String.valueOf(chain.startBlock()));
        properties.put(Settings.CHAIN_OPERATOR_KEY.property(), chain.operatorKey());
        properties.put(
                Settings.CUSTODY_STORE_PATH.property(),
                custodyStore.toAbsolutePath().toString());
        properties.put(Settings.CUSTODY_STORE_PASSWORD.property(), CUSTODY_STORE_PASSWORD);
        properties.put(Settings.CUSTODY_STORE_TYPE.property(), CUSTODY_STORE_TYPE);
        properties.put(Settings.CUSTODY_MASTER_KEY_ID.property(), CUSTODY_MASTER_KEY_ID);
        return properties;
    }

    /**
     * Writes server properties to a file only its owner can read, for WildFly's {@code --properties}: secrets stay off
     * the command line, where every user of the machine can read them ({@code ps}).
     */
    public static Path writeServerProperties(Map<String, String> properties, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // on file systems without POSIX permissions the folder's protection applies
        }
        java.util.Properties written = new java.util.Properties();
        written.putAll(properties);
        try (var out = Files.newOutputStream(file)) {
            written.store(out, "Tributary dev stack: server settings, secrets included; readable by its owner only");
        }
        return file.toAbsolutePath();
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

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Stops the services in reverse order: politely, then forcefully, including their child processes; then the chain
     * (and everything on it) and PostgreSQL.
     */
    @Override
    public void close() {
        if (wildfly != null) {
            wildfly.close();
            wildfly = null;
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i));
        }
        processes.clear();
        if (chain != null) {
            chain.close();
            chain = null;
        }
        if (mail != null) {
            mail.stop();
            mail = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    /** Stops a service politely, then forcefully, with the child processes it started. */
    static void stop(Process process) {
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
}
