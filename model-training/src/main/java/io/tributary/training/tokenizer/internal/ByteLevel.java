package io.tributary.training.tokenizer.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GPT-2's byte-to-character alphabet and its pre-tokenizer, extended to keep invalid UTF-8 bytes. */
public final class ByteLevel {

    private static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];
    /** Bytes in GPT-2's vocabulary order: printable ones first, the rest after. */
    private static final int[] BYTE_ORDER = new int[256];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int index = 0;
        for (int b = 0; b < 256; b++) {
            if (printable[b]) {
                BYTE_TO_CHAR[b] = (char) b;
                BYTE_ORDER[index++] = b;
            }
        }
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                BYTE_TO_CHAR[b] = (char) (256 + extra++);
                BYTE_ORDER[index++] = b;
            }
        }
        for (int b = 0; b < 256; b++) {
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        }
    }

    private ByteLevel() {}

    /** The byte at position {@code i} of GPT-2's initial vocabulary. */
    public static int byteAt(int i) {
        return BYTE_ORDER[i];
    }

    public static String toSymbols(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            sb.append(BYTE_TO_CHAR[bytes[i] & 0xFF]);
        }
        return sb.toString();
    }

    public static String toSymbols(byte[] bytes) {
        return toSymbols(bytes, 0, bytes.length);
    }

    /** Maps a vocabulary string back to its bytes; returns null if it is not made of byte symbols. */
    public static byte[] toBytes(String symbols) {
        byte[] bytes = new byte[symbols.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = symbols.charAt(i);
            if (c >= CHAR_TO_BYTE.length || CHAR_TO_BYTE[c] < 0) {
                return null;
            }
            bytes[i] = (byte) CHAR_TO_BYTE[c];
        }
        return bytes;
    }

    /**
     * Splits bytes into pre-tokens. Valid UTF-8 runs use GPT-2's regex; every invalid byte becomes a pre-token of
     * its own, so concatenating the pieces always gives back the input.
     */
    public static List<byte[]> split(byte[] bytes) {
        List<byte[]> pieces = new ArrayList<>();
        int i = 0;
        int runStart = 0;
        while (i < bytes.length) {
            int length = validSequenceLength(bytes, i);
            if (length > 0) {
                i += length;
                continue;
            }
            splitValid(bytes, runStart, i, pieces);
            pieces.add(new byte[] {bytes[i]});
            i++;
            runStart = i;
        }
        splitValid(bytes, runStart, bytes.length, pieces);
        return pieces;
    }

    private static void splitValid(byte[] bytes, int from, int to, List<byte[]> pieces) {
        if (from >= to) {
            return;
        }
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        Matcher matcher = GPT2_SPLIT.matcher(text);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() > last) {
                pieces.add(text.substring(last, matcher.start()).getBytes(StandardCharsets.UTF_8));
            }
            pieces.add(matcher.group().getBytes(StandardCharsets.UTF_8));
            last = matcher.end();
        }
        if (last < text.length()) {
            pieces.add(text.substring(last).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Length of the well-formed UTF-8 sequence at {@code i}, or 0 if the byte there starts none. */
    static int validSequenceLength(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int length;
        int min;
        int max = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            min = b0 == 0xE0 ? 0xA0 : 0x80;
            max = b0 == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            min = b0 == 0xF0 ? 0x90 : 0x80;
            max = b0 == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + length > b.length) {
            return 0;
        }
        int b1 = b[i + 1] & 0xFF;
        if (b1 < min || b1 > max) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int bk = b[i + k] & 0xFF;
            if (bk < 0x80 || bk > 0xBF) {
                return 0;
            }
        }
        return length;
    }
}
