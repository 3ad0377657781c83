package io.tributary.chain;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;

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

    public static EvmAddress of(Credentials credentials) {
        return new EvmAddress(credentials.getAddress());
    }

    @Override
    public String toString() {
        return hex;
    }
}
