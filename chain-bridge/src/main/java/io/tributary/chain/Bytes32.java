package io.tributary.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;

/** A 32-byte word as used for batch ids, Merkle roots and subjects on chain, as lower-case 0x-prefixed hex. */
public record Bytes32(String hex) {
    private static final Pattern FORMAT = Pattern.compile("0x[0-9a-f]{64}");

    public Bytes32 {
        hex = hex == null ? null : hex.toLowerCase(Locale.ROOT);
        if (hex == null || !FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("Not a 32-byte hex word: " + hex);
        }
    }

    public static Bytes32 of(String hex) {
        return new Bytes32(hex);
    }

    public static Bytes32 of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("Expected 32 bytes, got " + bytes.length);
        }
        return new Bytes32("0x" + HexFormat.of().formatHex(bytes));
    }

    /** The UUID in the low 16 bytes, so that a database batch id maps to exactly one on-chain batch id and back. */
    public static Bytes32 fromUuid(UUID uuid) {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        buffer.position(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return of(buffer.array());
    }

    /** Keccak-256 of the UTF-8 text, for subjects that are not UUIDs. */
    public static Bytes32 keccakOf(String text) {
        return of(Hash.sha3(text.getBytes(StandardCharsets.UTF_8)));
    }

    public UUID toUuid() {
        byte[] bytes = toBytes();
        for (int i = 0; i < 16; i++) {
            if (bytes[i] != 0) {
                throw new IllegalStateException("Not a UUID-derived word: " + hex);
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 16, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    public byte[] toBytes() {
        return HexFormat.of().parseHex(hex, 2, 66);
    }

    @Override
    public String toString() {
        return hex;
    }
}
