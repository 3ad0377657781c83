package io.tributary.chain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.TransactionType;
import org.web3j.utils.Numeric;

/**
 * A signed EIP-1559 transaction: the exact bytes to store before broadcasting and to re-send on every retry, so that
 * a retry can never become a second, different payment.
 */
public final class SignedTransaction {
    private final byte[] raw;
    private final String hash;
    private final EvmAddress from;
    private final long nonce;

    private SignedTransaction(byte[] raw) {
        this.raw = raw.clone();
        this.hash = Hash.sha3(Numeric.toHexString(raw));
        var decoded = TransactionDecoder.decode(Numeric.toHexString(raw));
        if (!(decoded instanceof SignedRawTransaction signed)
                || decoded.getTransaction().getType() != TransactionType.EIP1559) {
            throw new IllegalArgumentException("Not a signed EIP-1559 transaction");
        }
        try {
            this.from = EvmAddress.of(signed.getFrom());
        } catch (java.security.SignatureException e) {
            throw new IllegalArgumentException("Unrecoverable signature", e);
        }
        this.nonce = decoded.getNonce().longValueExact();
    }

    /** Rebuilds the transaction from bytes stored earlier; hash, sender and nonce are recomputed from them. */
    public static SignedTransaction fromRaw(byte[] raw) {
        return new SignedTransaction(Objects.requireNonNull(raw, "raw"));
    }

    public static SignedTransaction fromRawHex(String rawHex) {
        return fromRaw(Numeric.hexStringToByteArray(rawHex));
    }

    public byte[] raw() {
        return raw.clone();
    }

    public String rawHex() {
        return "0x" + HexFormat.of().formatHex(raw);
    }

    /** The transaction hash (0x-prefixed, lower case), known before the node ever sees the transaction. */
    public String hash() {
        return hash;
    }

    public EvmAddress from() {
        return from;
    }

    public long nonce() {
        return nonce;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedTransaction that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "SignedTransaction[" + hash + ", from " + from + ", nonce " + nonce + "]";
    }
}
