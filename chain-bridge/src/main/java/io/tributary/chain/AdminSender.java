package io.tributary.chain;

import io.tributary.chain.internal.Rpc;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends an operator's transaction (deploy, mint, grant a role, approve) with the node's pending nonce and waits until
 * it is mined. For setup and tooling only: custodial payouts need database nonces and stored bytes instead.
 */
public final class AdminSender {
    private static final Duration MINING_TIMEOUT = Duration.ofSeconds(120);

    private final ChainClient client;
    private final TransactionSigner signer;

    public AdminSender(ChainClient client) {
        this.client = client;
        this.signer = new TransactionSigner(client.endpoint().chainId());
    }

    /**
     * Estimates gas (plus a fifth), signs, sends, and waits until mined; fails if the transaction reverts. The state
     * returned says where it was mined ({@link ReceiptState#inclusion()}) and the gas it used.
     */
    public ReceiptState send(SigningKey sender, EvmAddress to, String data) {
        return toState(sendAndWait(sender, to, data));
    }

    /** Signs and sends the call as it is (its gas limit included), and waits until it is mined. */
    public ReceiptState send(SigningKey sender, ContractCall call) {
        return toState(sendAndWait(sender, call));
    }

    /** Polls until the transaction is mined (any status), and returns its state then. */
    public ReceiptState awaitReceipt(String transactionHash) {
        return toState(awaitMined(transactionHash));
    }

    TransactionReceipt sendAndWait(SigningKey sender, EvmAddress to, String data) {
        ContractCall call = new ContractCall(to, data, BigInteger.ZERO, BigInteger.ZERO);
        BigInteger estimate = client.estimateGas(sender.address(), call);
        return sendAndWait(sender, call.withGasLimit(estimate.add(estimate.divide(BigInteger.valueOf(5)))));
    }

    TransactionReceipt sendAndWait(SigningKey sender, ContractCall call) {
        long nonce = client.pendingNonce(sender.address());
        SignedTransaction transaction = signer.sign(sender, call, nonce, client.suggestFees());
        BroadcastOutcome outcome = new TransactionBroadcaster(client).broadcast(transaction);
        if (!outcome.inNodeHands()) {
            throw new ChainRequestException("Transaction " + transaction.hash() + " not accepted: " + outcome);
        }
        TransactionReceipt receipt = awaitMined(transaction.hash());
        if (!receipt.isStatusOK()) {
            throw new ChainRequestException("Transaction " + transaction.hash() + " reverted");
        }
        return receipt;
    }

    private ReceiptState toState(TransactionReceipt receipt) {
        return ReceiptWatcher.minedState(
                receipt.getTransactionHash(),
                receipt,
                client.latestBlockNumber(),
                client.endpoint().confirmations());
    }

    TransactionReceipt awaitMined(String transactionHash) {
        long deadline = System.nanoTime() + MINING_TIMEOUT.toNanos();
        while (true) {
            Optional<TransactionReceipt> receipt = Rpc.send(client.web3j().ethGetTransactionReceipt(transactionHash))
                    .getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() > deadline) {
                throw new ChainRequestException(transactionHash + " not mined within " + MINING_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + transactionHash, e);
            }
        }
    }
}
