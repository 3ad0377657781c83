package io.tributary.training.tokenizer.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Learns byte-level BPE merges by repeatedly joining the most frequent adjacent pair. */
public final class BpeTrainer {

    /** A learned merge of two token ids into a new one. */
    public record Merge(int left, int right) {}

    private BpeTrainer() {}

    /**
     * Learns up to {@code mergeCount} merges over the pre-tokens of {@code documents}. Token ids 0..255 are the 256
     * bytes in {@link ByteLevel#byteAt} order; merge {@code i} creates id {@code 256 + i}.
     */
    public static List<Merge> train(Iterable<byte[]> documents, int mergeCount) {
        Map<ByteBuffer, Integer> counts = new HashMap<>();
        for (byte[] document : documents) {
            for (byte[] piece : ByteLevel.split(document)) {
                counts.merge(ByteBuffer.wrap(piece), 1, Integer::sum);
            }
        }
        int[] byteToId = new int[256];
        for (int i = 0; i < 256; i++) {
            byteToId[ByteLevel.byteAt(i)] = i;
        }
        List<int[]> words = new ArrayList<>(counts.size());
        List<Integer> frequencies = new ArrayList<>(counts.size());
        // Sorting makes the result independent of hash order when pair counts tie.
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ByteBuffer piece = e.getKey();
            int[] word = new int[piece.remaining()];
            for (int i = 0; i < word.length; i++) {
                word[i] = byteToId[piece.get(piece.position() + i) & 0xFF];
            }
            words.add(word);
            frequencies.add(e.getValue());
        });
        int[] lengths = new int[words.size()];
        for (int w = 0; w < lengths.length; w++) {
            lengths[w] = words.get(w).length;
        }
        List<Merge> merges = new ArrayList<>(mergeCount);
        int nextId = 256;
        Map<Long, long[]> pairCounts = new HashMap<>();
        for (int m = 0; m < mergeCount; m++) {
            pairCounts.clear();
            for (int w = 0; w < words.size(); w++) {
                int[] word = words.get(w);
                int f = frequencies.get(w);
                for (int i = 0; i + 1 < lengths[w]; i++) {
                    long key = ((long) word[i] << 32) | word[i + 1];
                    pairCounts.computeIfAbsent(key, k -> new long[1])[0] += f;
                }
            }
            long bestKey = -1;
            long bestCount = 1; // a pair seen once is not worth a vocabulary slot
            for (Map.Entry<Long, long[]> e : pairCounts.entrySet()) {
                long c = e.getValue()[0];
                if (c > bestCount || (c == bestCount && bestKey >= 0 && e.getKey() < bestKey)) {
                    bestCount = c;
                    bestKey = e.getKey();
                }
            }
            if (bestKey < 0) {
                break;
            }
            int left = (int) (bestKey >>> 32);
            int right = (int) bestKey;
            int merged = nextId++;
            merges.add(new Merge(left, right));
            for (int w = 0; w < words.size(); w++) {
                int[] word = words.get(w);
                int n = lengths[w];
                int out = 0;
                for (int i = 0; i < n; i++) {
                    if (i + 1 < n && word[i] == left && word[i + 1] == right) {
                        word[out++] = merged;
                        i++;
                    } else {
                        word[out++] = word[i];
                    }
                }
                lengths[w] = out;
            }
        }
        return merges;
    }
}
