package io.tributary.chain;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/** A 20-byte account or contract address, kept in lower case so that equal addresses compare equal. */
public record EvmAddress(String hex) {
    private static final Pattern FORMAT = Pattern.compile("0x[0-9a-f]{40}");

    public EvmAddress {
        hex = hex == null ? null : hex.toLowerCase(Locale.ROOT);
        if (hex == null || !FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("Not a 20-byte hex address: " + hex);
        }
    }

    public static EvmAddress of(String hex) {
        return new EvmAddress(hex);
    }

    /** The address of these 20 bytes (for example the low 20 bytes of a keccak-256 hash). */
    public static EvmAddress of(byte[] bytes) {
        if (bytes.length != 20) {
            throw new IllegalArgumentException("Expected 20 bytes, got " + bytes.length);
        }
        return new EvmAddress("0x" + HexFormat.of().formatHex(bytes));
    }

    /** The address a signing key controls. */
    public static EvmAddress of(SigningKey key) {
        return key.address();
    }

    public byte[] toBytes() {
        return HexFormat.of().parseHex(hex, 2, 42);
    }

    /** The mixed-case EIP-55 spelling, whose letter case is a checksum over the address. */
    public String checksummed() {
        return Keys.toChecksumAddress(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
