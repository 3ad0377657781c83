package io.tributary.application.datanet.checks;

import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Finds records in a DataNet that are nearly the same text, using MinHash signatures and LSH banding.
 *
 * <p><b>Shingles.</b> Text is NFKC-normalised and lower-cased; words are maximal runs of letters
 * and digits. Texts with at least {@code shingleWords} words are shingled into overlapping runs of
 * that many words; shorter texts into runs of {@value #CHAR_SHINGLE} characters of their words
 * joined by single spaces, so two short answers can still be compared.
 *
 * <p><b>Signatures</b> hold {@code numHashes} 64-bit minimums, one per seeded hash function; the
 * fraction of equal positions estimates the Jaccard similarity of the shingle sets. Store them with
 * {@link #encode} and re-{@link #add} them at start-up; an index only understands signatures made
 * with the same {@code numHashes}, {@code seed} and {@code shingleWords}.
 *
 * <p><b>Memory.</b> Per record the index keeps the id (16 bytes), 16 bits per signature position
 * (b-bit MinHash; the estimate is corrected for chance 16-bit collisions) and per band a 4-byte
 * chain link plus an 8-byte hash-table slot at 3/8 to 3/4 load: about
 * {@code 16 + 2 * numHashes + 4 * bands + 8 * bands / load} bytes. With the defaults that is
 * 0.7 to 1.0 KB depending on where the arrays are in their growth (measured with the serial
 * collector: 0.97 KB per record at 100,000 records), so about 100 MB per 100,000 records.
 *
 * <p><b>Candidates.</b> A record is compared in full only if all rows of at least one band match,
 * so recall near the threshold depends on the banding: with the defaults (120 hashes, 24 bands of
 * 5) a pair at Jaccard 0.8 becomes a candidate with probability 0.9999, at 0.5 about 0.5 and at
 * 0.3 about 0.06. Safe for concurrent {@link #add} and {@link #similar}.
 */
public final class NearDuplicateIndex {

    /** Number of words per shingle unless told otherwise. */
    public static final int DEFAULT_SHINGLE_WORDS = 5;
    /** Characters per shingle for texts shorter than {@code shingleWords} words. */
    static final int CHAR_SHINGLE = 5;
    /** Bounds the work one query can cause when thousands of records share a band (e.g. one text pasted many times). */
    static final int MAX_CHAIN_WALK = 5_000;

    private static final int FORMAT_VERSION = 1;
    private static final double CHANCE_MATCH = 1.0 / 65536;

    private final int numHashes;
    private final int bands;
    private final int rows;
    private final double threshold;
    private final int shingleWords;
    private final long[] hashSeeds;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private int size;
    private long[] idHigh = new long[1024];
    private long[] idLow = new long[1024];
    private short[] stored;
    private int[] chain;
    private final BandTable[] tables;

    /** The recommended setup: 120 hashes in 24 bands of 5, threshold 0.8, 5-word shingles. */
    public static NearDuplicateIndex withDefaults() {
        return new NearDuplicateIndex(120, 24, 0.8, 0x7269_6275_7461_7279L);
    }

    public NearDuplicateIndex(int numHashes, int bands, double threshold, long seed) {
        this(numHashes, bands, threshold, seed, DEFAULT_SHINGLE_WORDS);
    }

    public NearDuplicateIndex(int numHashes, int bands, double threshold, long seed, int shingleWords) {
        if (numHashes < 1 || bands < 1 || numHashes % bands != 0) {
            throw new IllegalArgumentException(
                    "numHashes must be a positive multiple of bands, got " + numHashes + " and " + bands);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        if (shingleWords < 1) {
            throw new IllegalArgumentException("shingleWords must be positive, got " + shingleWords);
        }
        this.numHashes = numHashes;
        this.bands = bands;
        this.rows = numHashes / bands;
        this.threshold = threshold;
        this.shingleWords = shingleWords;
        SplittableRandom random = new SplittableRandom(seed);
        this.hashSeeds = new long[numHashes];
        for (int i = 0; i < numHashes; i++) {
            hashSeeds[i] = random.nextLong();
        }
        this.stored = new short[idHigh.length * numHashes];
        this.chain = new int[idHigh.length * bands];
        this.tables = new BandTable[bands];
        for (int b = 0; b < bands; b++) {
            tables[b] = new BandTable();
        }
    }

    /** The similarity at or above which {@link #similar} reports a record. */
    public double threshold() {
        return threshold;
    }

    /** Records added so far. */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The MinHash signature of {@code text}; every position is {@link Long#MAX_VALUE} when the text has no words. */
    public long[] signature(String text) {
        long[] signature = new long[numHashes];
        Arrays.fill(signature, Long.MAX_VALUE);
        long[] shingles = shingles(text);
        for (int s = 0; s < shingles.length; s++) {
            long shingle = shingles[s];
            for (int i = 0; i < numHashes; i++) {
                long h = mix(shingle ^ hashSeeds[i]);
                if (h < signature[i]) {
                    signature[i] = h;
                }
            }
        }
        return signature;
    }

    /** Adds a record; each record id should be added once. */
    public void add(UUID recordId, long[] signature) {
        checkLength(signature);
        boolean empty = isEmpty(signature);
        int[] keys = bandKeys(signature);
        lock.writeLock().lock();
        try {
            ensureCapacity(size + 1);
            int record = size++;
            idHigh[record] = recordId.getMostSignificantBits();
            idLow[record] = recordId.getLeastSignificantBits();
            for (int i = 0; i < numHashes; i++) {
                stored[record * numHashes + i] = compact(signature[i]);
            }
            for (int b = 0; b < bands; b++) {
                chain[record * bands + b] = empty ? 0 : tables[b].push(keys[b], record + 1);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Records whose estimated similarity to {@code signature} is at least the threshold, most similar first. */
    public List<NearDuplicate> similar(long[] signature) {
        checkLength(signature);
        if (isEmpty(signature)) {
            return List.of();
        }
        int[] keys = bandKeys(signature);
        short[] query = new short[numHashes];
        for (int i = 0; i < numHashes; i++) {
            query[i] = compact(signature[i]);
        }
        List<NearDuplicate> found = new ArrayList<>();
        lock.readLock().lock();
        try {
            int[] candidates = new int[16];
            int count = 0;
            for (int b = 0; b < bands; b++) {
                int walked = 0;
                for (int entry = tables[b].head(keys[b]); entry != 0 && walked < MAX_CHAIN_WALK; walked++) {
                    int record = entry - 1;
                    if (count == candidates.length) {
                        candidates = Arrays.copyOf(candidates, count * 2);
                    }
                    candidates[count++] = record;
                    entry = chain[record * bands + b];
                }
            }
            Arrays.sort(candidates, 0, count);
            for (int c = 0; c < count; c++) {
                int record = candidates[c];
                if (c > 0 && candidates[c - 1] == record) {
                    continue;
                }
                double similarity = estimate(query, record);
                if (similarity >= threshold) {
                    found.add(new NearDuplicate(new UUID(idHigh[record], idLow[record]), similarity));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        found.sort(Comparator.comparingDouble(NearDuplicate::similarity).reversed());
        return found;
    }

    /** Estimated Jaccard similarity of two signatures made by this index. */
    public double similarity(long[] a, long[] b) {
        checkLength(a);
        checkLength(b);
        int equal = 0;
        for (int i = 0; i < numHashes; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return (double) equal / numHashes;
    }

    /** A signature as bytes for storage: a version byte, a 4-byte count, then each value as 8 big-endian bytes. */
    public static byte[] encode(long[] signature) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + 8 * signature.length);
        buffer.put((byte) FORMAT_VERSION).putInt(signature.length);
        for (long value : signature) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    /** The signature stored by {@link #encode}. */
    public static long[] decode(byte[] bytes) {
        if (bytes.length < 5 || bytes[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "not an encoded signature (version " + (bytes.length > 0 ? bytes[0] : "missing") + ")");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int length = buffer.getInt();
        if (length < 0 || bytes.length != 5 + 8L * length) {
            throw new IllegalArgumentException(
                    "encoded signature of " + length + " values has " + bytes.length + " bytes");
        }
        long[] signature = new long[length];
        for (int i = 0; i < length; i++) {
            signature[i] = buffer.getLong();
        }
        return signature;
    }

    // ---------------------------------------------------------------- internals

    private double estimate(short[] query, int record) {
        int equal = 0;
        int base = record * numHashes;
        for (int i = 0; i < numHashes; i++) {
            if (stored[base + i] == query[i]) {
                equal++;
            }
        }
        // Unequal minimums still agree in 16 bits by chance 1/65536 of the time; undo that bias.
        double raw = (double) equal / numHashes;
        return Math.max(0, Math.min(1, (raw - CHANCE_MATCH) / (1 - CHANCE_MATCH)));
    }

    private int[] bandKeys(long[] signature) {
        int[] keys = new int[bands];
        for (int b = 0; b < bands; b++) {
            long h = b;
            for (int r = 0; r < rows; r++) {
                h = mix(h * 31 + signature[b * rows + r]);
            }
            keys[b] = (int) (h ^ (h >>> 32));
        }
        return keys;
    }

    private static short compact(long minimum) {
        // Low bits of a re-mixed value: the high bits of a minimum are skewed towards zero.
        return (short) mix(minimum);
    }

    private static boolean isEmpty(long[] signature) {
        for (long value : signature) {
            if (value != Long.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    private void checkLength(long[] signature) {
        if (signature.length != numHashes) {
            throw new IllegalArgumentException(
                    "signature has " + signature.length + " values; this index uses " + numHashes);
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= idHigh.length) {
            return;
        }
        int capacity = Math.max(needed, idHigh.length + (idHigh.length >> 1));
        idHigh = Arrays.copyOf(idHigh, capacity);
        idLow = Arrays.copyOf(idLow, capacity);
        stored = Arrays.copyOf(stored, capacity * numHashes);
        chain = Arrays.copyOf(chain, capacity * bands);
    }

    long[] shingles(String text) {
        long[] words = wordHashes(text);
        if (words.length >= shingleWords) {
            long[] shingles = new long[words.length - shingleWords + 1];
            for (int i = 0; i < shingles.length; i++) {
                long h = 0x9E37_79B9_7F4A_7C15L;
                for (int j = 0; j < shingleWords; j++) {
                    h = mix(h ^ words[i + j]) + j;
                }
                shingles[i] = h;
            }
            return shingles;
        }
        return characterShingles(text);
    }

    /** Hash of each word (letters and digits, NFKC, lower-case), in order. */
    private static long[] wordHashes(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC);
        long[] hashes = new long[Math.max(4, normal.length() / 5)];
        int count = 0;
        long h = 0;
        boolean inWord = false;
        for (int i = 0; i < normal.length(); ) {
            int cp = normal.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    h = 0xCBF2_9CE4_8422_2325L;
                    inWord = true;
                }
                h = (h ^ Character.toLowerCase(cp)) * 0x100_0000_01B3L;
            } else if (inWord) {
                if (count == hashes.length) {
                    hashes = Arrays.copyOf(hashes, count * 2);
                }
                hashes[count++] = mix(h);
                inWord = false;
            }
        }
        if (inWord) {
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count + 1);
            }
            hashes[count++] = mix(h);
        }
        return Arrays.copyOf(hashes, count);
    }

    private static long[] characterShingles(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder words = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < normal.length(); ) {
            int cp = normal.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (gap && !words.isEmpty()) {
                    words.append(' ');
                }
                gap = false;
                words.appendCodePoint(Character.toLowerCase(cp));
            } else {
                gap = true;
            }
        }
        if (words.isEmpty()) {
            return new long[0];
        }
        int count = Math.max(1, words.length() - CHAR_SHINGLE + 1);
        long[] shingles = new long[count];
        for (int i = 0; i < count; i++) {
            long h = 0xCBF2_9CE4_8422_2325L;
            for (int j = i; j < Math.min(words.length(), i + CHAR_SHINGLE); j++) {
                h = (h ^ words.charAt(j)) * 0x100_0000_01B3L;
            }
            shingles[i] = mix(h);
        }
        return shingles;
    }

    /** MurmurHash3's 64-bit finaliser: a cheap, well-spread bijection. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return z ^ (z >>> 33);
    }

    /** Open-addressing map from a band key to the newest record in its chain (1-based; 0 = none). */
    private static final class BandTable {
        private int[] keys = new int[1024];
        private int[] heads = new int[1024];
        private int used;

        int head(int key) {
            int mask = keys.length - 1;
            for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
                if (heads[slot] == 0) {
                    return 0;
                }
                if (keys[slot] == key) {
                    return heads[slot];
                }
            }
        }

        /** Makes {@code entry} the chain head for {@code key}; returns the previous head. */
        int push(int key, int entry) {
            // Linear probing stays short up to 3/4 full; the tables are most of the index's memory.
            if ((used + 1) * 4L > keys.length * 3L) {
                grow();
            }
            int mask = keys.length - 1;
            for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
                if (heads[slot] == 0) {
                    keys[slot] = key;
                    heads[slot] = entry;
                    used++;
                    return 0;
                }
                if (keys[slot] == key) {
                    int previous = heads[slot];
                    heads[slot] = entry;
                    return previous;
                }
            }
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldHeads = heads;
            keys = new int[oldKeys.length * 2];
            heads = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldHeads[i] != 0) {
                    int slot = spread(oldKeys[i]) & mask;
                    while (heads[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    heads[slot] = oldHeads[i];
                }
            }
        }

        private static int spread(int key) {
            return key * 0x9E37_79B9 >>> 7;
        }
    }
}
