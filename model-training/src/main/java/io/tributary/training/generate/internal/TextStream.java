package io.tributary.training.generate.internal;

import io.tributary.training.generate.TokenListener;
import io.tributary.training.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns generated tokens into text incrementally. It holds back bytes of an unfinished UTF-8 character and text
 * that might be the start of a stop sequence, so a listener never sees text the final result will not contain.
 */
public final class TextStream {

    private final Tokenizer tokenizer;
    private final List<String> stops;
    private final TokenListener listener;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int emitted;
    private String finalText;

    public TextStream(Tokenizer tokenizer, List<String> stops, TokenListener listener) {
        this.tokenizer = tokenizer;
        this.stops = stops;
        this.listener = listener;
    }

    /** Adds a token; returns true when the text now contains a stop sequence. */
    public boolean add(int token) {
        bytes.writeBytes(tokenizer.decodeBytes(new int[] {token}));
        byte[] all = bytes.toByteArray();
        String text = new String(all, 0, completePrefix(all), StandardCharsets.UTF_8);
        int stopAt = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && (stopAt < 0 || at < stopAt)) {
                stopAt = at;
            }
        }
        if (stopAt >= 0) {
            finalText = text.substring(0, stopAt);
            emit(token, finalText.length());
            return true;
        }
        emit(token, text.length() - heldBack(text));
        return false;
    }

    /** Ends the stream and returns the whole text, emitting whatever was held back. */
    public String finish() {
        if (finalText == null) {
            finalText = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
            if (finalText.length() > emitted) {
                listener.onToken(-1, finalText.substring(emitted));
                emitted = finalText.length();
            }
        }
        return finalText;
    }

    private void emit(int token, int upTo) {
        String text = finalText != null ? finalText : currentText();
        int end = Math.max(emitted, Math.min(upTo, text.length()));
        listener.onToken(token, text.substring(emitted, end));
        emitted = end;
    }

    private String currentText() {
        byte[] all = bytes.toByteArray();
        return new String(all, 0, completePrefix(all), StandardCharsets.UTF_8);
    }

    /** Length of the longest suffix of {@code text} that begins some stop sequence. */
    private int heldBack(String text) {
        int hold = 0;
        for (String stop : stops) {
            for (int k = Math.min(stop.length() - 1, text.length()); k > hold; k--) {
                if (text.endsWith(stop.substring(0, k))) {
                    hold = k;
                    break;
                }
            }
        }
        return hold;
    }

    /** Bytes up to, not including, a trailing UTF-8 sequence that more bytes could still complete. */
    static int completePrefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xFF;
            if (c < 0x80) {
                return n;
            }
            if (c >= 0xC0) {
                int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                return back < need ? n - back : n;
            }
        }
        return n;
    }
}
