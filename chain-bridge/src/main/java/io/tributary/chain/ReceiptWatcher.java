package io.tributary.chain;

import io.tributary.chain.internal.Rpc;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Tells how far a broadcast transaction has got, applying the endpoint's confirmation depth, and notices when the
 * block it was seen in has been re-organised away. Stateless: the caller stores the last {@link Inclusion} it saw.
 */
public final class ReceiptWatcher {
    private final ChainClient client;

    public ReceiptWatcher(ChainClient client) {
        this.client = client;
    }

    /** State of a transaction never seen mined before. */
    public ReceiptState check(String transactionHash) {
        return check(transactionHash, null);
    }

    /**
     * State of a transaction, given where it was seen mined before (null if never). When it is mined now, the
     * returned inclusion is the one to store, even if it moved to another block in a re-org.
     */
    public ReceiptState check(String transactionHash, Inclusion seenBefore) {
        var web3j = client.web3j();
        Optional<TransactionReceipt> receipt =
                Rpc.send(web3j.ethGetTransactionReceipt(transactionHash)).getTransactionReceipt();
        if (receipt.isPresent()) {
            TransactionReceipt mined = receipt.get();
            long blockNumber = mined.getBlockNumber().longValueExact();
            // A node can briefly serve a receipt from a block it is abandoning; only a canonical block counts.
            if (client.canonicalBlockHash(blockNumber)
                    .filter(mined.getBlockHash()::equalsIgnoreCase)
                    .isPresent()) {
                return minedState(
                        transactionHash,
                        mined,
                        client.latestBlockNumber(),
                        client.endpoint().confirmations());
            }
        }
        if (seenBefore != null
                && client.canonicalBlockHash(seenBefore.blockNumber())
                        .filter(seenBefore.blockHash()::equalsIgnoreCase)
                        .isEmpty()) {
            return notMined(ReceiptState.Status.REORGED, transactionHash);
        }
        boolean pending = Rpc.send(web3j.ethGetTransactionByHash(transactionHash))
                .getTransaction()
                .isPresent();
        return notMined(pending ? ReceiptState.Status.PENDING : ReceiptState.Status.UNKNOWN, transactionHash);
    }

    static ReceiptState minedState(
            String transactionHash, TransactionReceipt mined, long latestBlockNumber, int requiredConfirmations) {
        long blockNumber = mined.getBlockNumber().longValueExact();
        long confirmations = latestBlockNumber - blockNumber + 1;
        boolean succeeded = mined.isStatusOK();
        ReceiptState.Status status;
        if (confirmations < requiredConfirmations) {
            status = ReceiptState.Status.MINED;
        } else {
            status = succeeded ? ReceiptState.Status.CONFIRMED : ReceiptState.Status.FAILED;
        }
        BigInteger effectiveGasPrice =
                mined.getEffectiveGasPrice() == null ? null : Numeric.decodeQuantity(mined.getEffectiveGasPrice());
        return new ReceiptState(
                status,
                transactionHash,
                new Inclusion(blockNumber, mined.getBlockHash()),
                confirmations,
                succeeded,
                mined.getGasUsed(),
                effectiveGasPrice);
    }

    private static ReceiptState notMined(ReceiptState.Status status, String transactionHash) {
        return new ReceiptState(status, transactionHash, null, 0, false, null, null);
    }
}
