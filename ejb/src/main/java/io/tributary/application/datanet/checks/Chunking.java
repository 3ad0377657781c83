package io.tributary.application.datanet.checks;

/**
 * How documents are split into records.
 *
 * @param maxChars     the longest a chunk may be, in UTF-16 characters
 * @param overlapChars how much of the previous chunk's end is repeated at the next chunk's start,
 *                     so a sentence cut at a boundary is still seen whole once; less than half of maxChars
 */
public record Chunking(int maxChars, int overlapChars) {

    /** 2,000 characters with 200 of overlap: a few paragraphs, well inside a training context. */
    public static final Chunking DEFAULT = new Chunking(2_000, 200);

    public Chunking {
        if (maxChars < 20) {
            throw new IllegalArgumentException("maxChars must be at least 20, got " + maxChars);
        }
        if (overlapChars < 0 || overlapChars * 2 >= maxChars) {
            throw new IllegalArgumentException("overlapChars must be in [0, maxChars / 2), got " + overlapChars);
        }
    }
}
