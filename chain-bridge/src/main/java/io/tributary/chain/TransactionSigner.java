package io.tributary.chain;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * Signs EIP-1559 transactions offline with a nonce the caller allocated. A custodial sender allocates nonces from its
 * own database, one sender per wallet, because a node's pending nonce forgets transactions it has not seen yet.
 */
public final class TransactionSigner {
    private final long chainId;

    public TransactionSigner(long chainId) {
        this.chainId = chainId;
    }

    public long chainId() {
        return chainId;
    }

    public SignedTransaction sign(SigningKey wallet, ContractCall call, long nonce, GasFees fees) {
        Objects.requireNonNull(wallet, "wallet");
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative");
        }
        RawTransaction unsigned = RawTransaction.createTransaction(
                chainId,
                BigInteger.valueOf(nonce),
                call.gasLimit(),
                call.to() == null ? "" : call.to().hex(),
                call.value(),
                call.data(),
                fees.maxPriorityFeePerGas(),
                fees.maxFeePerGas());
        return SignedTransaction.fromRaw(TransactionEncoder.signMessage(unsigned, wallet.credentials()));
    }
}
