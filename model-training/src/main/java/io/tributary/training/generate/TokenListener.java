package io.tributary.training.generate;

/** Receives generated tokens as they are produced, with the text they complete (may be empty mid-character). */
@FunctionalInterface
public interface TokenListener {

    void onToken(int tokenId, String text);

    /** A listener that ignores everything. */
    static TokenListener none() {
        return (id, text) -> {};
    }
}
