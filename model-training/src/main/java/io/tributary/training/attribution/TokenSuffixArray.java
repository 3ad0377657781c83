package io.tributary.training.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A suffix array over the training records' token streams, each record followed by its own separator so no match
 * crosses records; built by prefix doubling with radix sorts (O(n log n)). Finds the spans of an answer that occur
 * verbatim in training records, OLMoTrace-style.
 */
public final class TokenSuffixArray {

    private final List<String> ids;
    private final int[] text;
    private final int[] recordStarts;
    private final int[] suffixes;

    /** Indexes the records' tokens (non-negative ids), identified by {@code ids} in the same order. */
    public TokenSuffixArray(List<int[]> records, List<String> ids) {
        GradientIndex.checkIds(ids, records.size());
        this.ids = List.copyOf(ids);
        long total = 0;
        for (int[] r : records) {
            total += r.length + 1L;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Too many tokens for one suffix array: " + total);
        }
        text = new int[(int) total];
        recordStarts = new int[records.size()];
        int at = 0;
        for (int r = 0; r < records.size(); r++) {
            recordStarts[r] = at;
            for (int token : records.get(r)) {
                if (token < 0) {
                    throw new IllegalArgumentException("Token ids must be non-negative, got " + token);
                }
                text[at++] = token;
            }
            text[at++] = -(r + 1); // a separator unique to the record: never equal to a token or another separator
        }
        suffixes = build(text);
    }

    /** The suffix array of {@code s}: start positions in lexicographic order of their suffixes (a prefix sorts first). */
    static int[] build(int[] s) {
        int n = s.length;
        int[] sa = new int[n];
        int[] rank = new int[n];
        int[] tmp = new int[n];
        if (n == 0) {
            return sa;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> s[i]));
        for (int i = 0; i < n; i++) {
            sa[i] = order[i];
        }
        rank[sa[0]] = 0;
        for (int i = 1; i < n; i++) {
            rank[sa[i]] = rank[sa[i - 1]] + (s[sa[i]] != s[sa[i - 1]] ? 1 : 0);
        }
        int[] count = new int[n + 1];
        for (int k = 1; rank[sa[n - 1]] < n - 1; k <<= 1) {
            // Radix sort by (rank[i], rank[i + k]) where a missing second half sorts first.
            int p = 0;
            for (int i = Math.max(0, n - k); i < n; i++) {
                tmp[p++] = i;
            }
            for (int j = 0; j < n; j++) {
                if (sa[j] >= k) {
                    tmp[p++] = sa[j] - k;
                }
            }
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[rank[i] + 1]++;
            }
            for (int i = 1; i <= n; i++) {
                count[i] += count[i - 1];
            }
            for (int j = 0; j < n; j++) {
                int i = tmp[j];
                sa[count[rank[i]]++] = i;
            }
            tmp[sa[0]] = 0;
            for (int j = 1; j < n; j++) {
                int a = sa[j - 1];
                int b = sa[j];
                int secondA = a + k < n ? rank[a + k] : -1;
                int secondB = b + k < n ? rank[b + k] : -1;
                tmp[b] = tmp[a] + (rank[a] != rank[b] || secondA != secondB ? 1 : 0);
            }
            int[] swap = rank;
            rank = tmp;
            tmp = swap;
        }
        return sa;
    }

    int[] suffixes() {
        return suffixes;
    }

    int[] text() {
        return text;
    }

    /**
     * The maximal spans of at least {@code minLength} answer tokens that occur verbatim in some record (a span
     * contained in a longer found span is not reported), in answer order.
     */
    public List<VerbatimSpan> spans(int[] answer, int minLength) {
        if (minLength <= 0) {
            throw new IllegalArgumentException("minLength must be positive, got " + minLength);
        }
        List<VerbatimSpan> spans = new ArrayList<>();
        int previousEnd = 0;
        for (int i = 0; i < answer.length; i++) {
            int lo = 0;
            int hi = suffixes.length;
            int length = 0;
            int matchLo = 0;
            int matchHi = 0;
            while (i + length < answer.length) {
                int c = answer[i + length];
                int from = lowerBound(lo, hi, length, c);
                int to = lowerBound(from, hi, length, c + 1L);
                if (from >= to) {
                    break;
                }
                lo = from;
                hi = to;
                matchLo = from;
                matchHi = to;
                length++;
            }
            int end = i + length;
            if (length >= minLength && end > previousEnd) {
                spans.add(new VerbatimSpan(i, length, occurrences(matchLo, matchHi)));
            }
            previousEnd = Math.max(previousEnd, end);
        }
        return spans;
    }

    /** The first suffix in [lo, hi) whose token at {@code depth} is ≥ {@code value} (the range shares depth tokens). */
    private int lowerBound(int lo, int hi, int depth, long value) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int pos = suffixes[mid] + depth;
            long c = pos < text.length ? text[pos] : Long.MIN_VALUE;
            if (c < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private List<VerbatimSpan.Occurrence> occurrences(int lo, int hi) {
        int[] positions = Arrays.copyOfRange(suffixes, lo, hi);
        Arrays.sort(positions);
        List<VerbatimSpan.Occurrence> result = new ArrayList<>(positions.length);
        for (int pos : positions) {
            int r = Arrays.binarySearch(recordStarts, pos);
            if (r < 0) {
                r = -r - 2;
            }
            result.add(new VerbatimSpan.Occurrence(ids.get(r), pos - recordStarts[r]));
        }
        return result;
    }
}
