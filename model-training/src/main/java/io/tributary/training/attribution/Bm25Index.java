package io.tributary.training.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's non-negative idf) over the training records' text, tokenised into
 * lower-case runs of letters and digits: the lexical baseline for attribution.
 */
public final class Bm25Index {

    static final String METHOD = "bm25";
    static final String VERSION = "1;k1=1.2;b=0.75;tokens=lowercase-letters-digits";
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private final List<String> ids;
    private final List<Map<String, Integer>> termCounts;
    private final int[] lengths;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    /** Indexes {@code texts}, identified by {@code ids} in the same order. */
    public Bm25Index(List<String> texts, List<String> ids) {
        GradientIndex.checkIds(ids, texts.size());
        this.ids = List.copyOf(ids);
        this.termCounts = new ArrayList<>(texts.size());
        this.lengths = new int[texts.size()];
        long total = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<String> terms = terms(texts.get(i));
            Map<String, Integer> counts = new HashMap<>();
            for (String t : terms) {
                counts.merge(t, 1, Integer::sum);
            }
            counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            termCounts.add(counts);
            lengths[i] = terms.size();
            total += terms.size();
        }
        this.averageLength = Math.max(1e-9, (double) total / texts.size());
    }

    /** Lower-case runs of letters and digits. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); ) {
            int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
            boolean word = i < lower.length() && Character.isLetterOrDigit(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                terms.add(lower.substring(start, i));
                start = -1;
            }
            i += i < lower.length() ? Character.charCount(cp) : 1;
        }
        return terms;
    }

    /** Every record's score for the query text, in index order. */
    public double[] scores(String query) {
        double[] scores = new double[ids.size()];
        int n = ids.size();
        for (String term : new java.util.HashSet<>(terms(query))) {
            Integer df = documentFrequency.get(term);
            if (df == null) {
                continue;
            }
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            for (int i = 0; i < n; i++) {
                Integer tf = termCounts.get(i).get(term);
                if (tf != null) {
                    scores[i] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[i] / averageLength));
                }
            }
        }
        return scores;
    }

    /** The {@code topK} records best matching the query (typically prompt and answer). */
    public AttributionResult score(String query, int topK) {
        if (topK <= 0) {
            throw new IllegalArgumentException("topK must be positive, got " + topK);
        }
        return new AttributionResult(METHOD, VERSION, GradientIndex.topRecords(scores(query), ids, topK));
    }

    public int size() {
        return ids.size();
    }
}
