package io.tributary.chain;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * A secp256k1 private key that signs transactions, and the address it controls. Its key material never leaves the
 * library as a value: callers hold the key, sign with {@link TransactionSigner}, and read {@link #address()}.
 */
public final class SigningKey {
    private static final int KEY_BYTES = 32;
    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

    private final Credentials credentials;
    private final EvmAddress address;

    private SigningKey(Credentials credentials) {
        this.credentials = credentials;
        this.address = EvmAddress.of(credentials.getAddress());
    }

    /**
     * The key of these 32 big-endian bytes; the array is not kept.
     *
     * @throws IllegalArgumentException unless {@link #isValidPrivateKey(byte[])}
     */
    public static SigningKey of(byte[] privateKey) {
        if (!isValidPrivateKey(privateKey)) {
            throw new IllegalArgumentException("Not a secp256k1 private key (32 bytes, 0 < k < n)");
        }
        return new SigningKey(Credentials.create(ECKeyPair.create(privateKey)));
    }

    /**
     * The key written as hex, with or without 0x, as configuration holds an operator key; leading zeros may be left
     * out.
     */
    public static SigningKey ofHex(String privateKeyHex) {
        Objects.requireNonNull(privateKeyHex, "privateKeyHex");
        String digits = privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
        if (digits.isEmpty() || digits.length() > 2 * KEY_BYTES) {
            throw new IllegalArgumentException("A private key is at most 64 hex digits");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex("0".repeat(2 * KEY_BYTES - digits.length()) + digits);
        } catch (IllegalArgumentException e) {
            // The text is not repeated: it might be a key with a typo.
            throw new IllegalArgumentException("A private key is hex digits only");
        }
        return of(bytes);
    }

    /** Whether these bytes are a usable key: exactly 32 bytes, neither 0 nor at least the curve order. */
    public static boolean isValidPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_BYTES) {
            return false;
        }
        BigInteger k = new BigInteger(1, privateKey);
        return k.signum() > 0 && k.compareTo(CURVE_ORDER) < 0;
    }

    public EvmAddress address() {
        return address;
    }

    Credentials credentials() {
        return credentials;
    }

    /** Names the address only: a key printed into a log would be a key lost. */
    @Override
    public String toString() {
        return "SigningKey[" + address + "]";
    }
}
