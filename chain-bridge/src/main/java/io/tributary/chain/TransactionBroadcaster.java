package io.tributary.chain;

import io.tributary.chain.internal.Rpc;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends stored signed bytes, as often as needed. Re-sending the same bytes is safe: the nonce makes a second
 * inclusion impossible, and a node that already has (or has mined) them says so in words that vary by client, so the
 * answer is decided by looking the stored hash up rather than by parsing messages.
 */
public final class TransactionBroadcaster {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionBroadcaster.class);

    private final ChainClient client;

    public TransactionBroadcaster(ChainClient client) {
        this.client = client;
    }

    /**
     * @throws ChainUnavailableException when the node did not answer; the transaction may or may not have arrived,
     *     so the caller retries later with the same bytes
     */
    public BroadcastOutcome broadcast(SignedTransaction transaction) {
        var web3j = client.web3j();
        var response = Rpc.sendRaw(web3j.ethSendRawTransaction(transaction.rawHex()));
        if (!response.hasError()) {
            return new BroadcastOutcome(BroadcastOutcome.Kind.SENT, transaction.hash(), null);
        }
        String message = response.getError().getMessage();
        var known = Rpc.send(web3j.ethGetTransactionByHash(transaction.hash())).getTransaction();
        if (known.isPresent()) {
            LOG.debug("{} already known to the node ({})", transaction.hash(), message);
            return new BroadcastOutcome(BroadcastOutcome.Kind.ALREADY_KNOWN, transaction.hash(), message);
        }
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (lower.contains("nonce too low") || lower.contains("nonce has already been used")) {
            LOG.warn(
                    "Nonce {} of {} was taken by another transaction; {} can never be mined",
                    transaction.nonce(),
                    transaction.from(),
                    transaction.hash());
            return new BroadcastOutcome(BroadcastOutcome.Kind.NONCE_TAKEN, transaction.hash(), message);
        }
        LOG.warn("Node rejected {}: {}", transaction.hash(), message);
        return new BroadcastOutcome(BroadcastOutcome.Kind.REJECTED, transaction.hash(), message);
    }
}
