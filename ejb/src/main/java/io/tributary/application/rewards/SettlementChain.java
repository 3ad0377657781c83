package io.tributary.application.rewards;

import io.tributary.application.Conflict;
import io.tributary.application.Settings;
import io.tributary.chain.ChainClient;
import io.tributary.chain.ChainEndpoint;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.PayoutSender;
import io.tributary.chain.ProvenanceAnchor;
import io.tributary.chain.ReceiptWatcher;
import io.tributary.chain.SigningKey;
import io.tributary.chain.TransactionBroadcaster;
import io.tributary.chain.TransactionSigner;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The EVM chain rewards settle on, as configured: its endpoint and confirmation depth, the reward contracts, and the
 * chain-bridge clients that read, sign for and send to it. Unconfigured, every wallet feature says so.
 */
@ApplicationScoped
public class SettlementChain {

    private volatile Connection connection;

    /** The clients of one configured chain, created together on first use. */
    private record Connection(
            ChainClient client,
            EvmAddress token,
            EvmAddress batcher,
            EvmAddress registry,
            long startBlock,
            TransactionSigner signer,
            PayoutSender payouts,
            ProvenanceAnchor anchor,
            TransactionBroadcaster broadcaster,
            ReceiptWatcher watcher) {}

    /** A chain is configured when its endpoint and all three contract addresses are. */
    public boolean isConfigured() {
        return Stream.of(Settings.CHAIN_RPC_URL, Settings.CHAIN_TOKEN, Settings.CHAIN_BATCHER, Settings.CHAIN_REGISTRY)
                .noneMatch(setting -> setting.value().isBlank());
    }

    private Connection connection() {
        Connection current = connection;
        if (current != null) return current;
        synchronized (this) {
            if (connection == null) {
                if (!isConfigured()) {
                    throw new Conflict("No settlement chain is configured on this platform: wallets are unavailable.");
                }
                ChainClient client = ChainClient.connect(new ChainEndpoint(
                        URI.create(Settings.CHAIN_RPC_URL.value()),
                        Long.parseLong(Settings.CHAIN_ID.value()),
                        Integer.parseInt(Settings.CHAIN_CONFIRMATIONS.value())));
                EvmAddress token = EvmAddress.of(Settings.CHAIN_TOKEN.value());
                EvmAddress batcher = EvmAddress.of(Settings.CHAIN_BATCHER.value());
                EvmAddress registry = EvmAddress.of(Settings.CHAIN_REGISTRY.value());
                connection = new Connection(
                        client,
                        token,
                        batcher,
                        registry,
                        Long.parseLong(Settings.CHAIN_START_BLOCK.value()),
                        new TransactionSigner(client.endpoint().chainId()),
                        new PayoutSender(client, token, batcher),
                        new ProvenanceAnchor(client, registry),
                        new TransactionBroadcaster(client),
                        new ReceiptWatcher(client));
            }
            return connection;
        }
    }

    public ChainClient client() {
        return connection().client();
    }

    public EvmAddress token() {
        return connection().token();
    }

    public EvmAddress batcher() {
        return connection().batcher();
    }

    public long startBlock() {
        return connection().startBlock();
    }

    public int confirmations() {
        return client().endpoint().confirmations();
    }

    public TransactionSigner signer() {
        return connection().signer();
    }

    public PayoutSender payouts() {
        return connection().payouts();
    }

    public ProvenanceAnchor anchor() {
        return connection().anchor();
    }

    public TransactionBroadcaster broadcaster() {
        return connection().broadcaster();
    }

    public ReceiptWatcher watcher() {
        return connection().watcher();
    }

    /** The platform operator's key, when one is configured (demo funding, anchoring). */
    public Optional<SigningKey> operator() {
        String key = Settings.CHAIN_OPERATOR_KEY.value();
        return key.isBlank() ? Optional.empty() : Optional.of(SigningKey.ofHex(key.strip()));
    }

    /** A link to the transaction in the configured block explorer, or null when none is configured. */
    public String explorerLink(String transactionHash) {
        String base = Settings.CHAIN_EXPLORER_URL.value();
        if (base.isBlank() || transactionHash == null) return null;
        return (base.endsWith("/") ? base : base + "/") + "tx/" + transactionHash;
    }

    @PreDestroy
    void close() {
        if (connection != null) {
            connection.client().close();
        }
    }
}
