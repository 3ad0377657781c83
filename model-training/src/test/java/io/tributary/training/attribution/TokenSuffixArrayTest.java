package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenSuffixArrayTest {

    @Test
    void suffixArrayEqualsNaiveSortOnRandomStreams() {
        Random random = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + random.nextInt(200);
            int[] s = new int[n];
            int alphabet = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(alphabet) - (trial % 2); // some negative values too
            }
            Integer[] naive = new Integer[n];
            for (int i = 0; i < n; i++) {
                naive[i] = i;
            }
            Arrays.sort(naive, Comparator.comparing(i -> Arrays.copyOfRange(s, i, n), Arrays::compare));
            assertThat(TokenSuffixArray.build(s))
                    .as("trial %d", trial)
                    .containsExactly(
                            Arrays.stream(naive).mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void spansMatchBruteForceOnRandomStreams() {
        Random random = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int alphabet = 2 + random.nextInt(4);
            List<int[]> records = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int r = 0; r < count; r++) {
                records.add(randomTokens(random, random.nextInt(40), alphabet));
                ids.add("rec-" + r);
            }
            int[] answer = randomTokens(random, 1 + random.nextInt(30), alphabet);
            int minLength = 1 + random.nextInt(4);
            List<VerbatimSpan> found = new TokenSuffixArray(records, ids).spans(answer, minLength);
            assertThat(found).as("trial %d", trial).isEqualTo(bruteForce(records, ids, answer, minLength));
        }
    }

    @Test
    void spanIsMappedToItsRecordAndOffsetAndNeverCrossesRecords() {
        List<int[]> records = List.of(new int[] {9, 9, 1, 2, 3}, new int[] {4, 5, 6, 7});
        TokenSuffixArray array = new TokenSuffixArray(records, List.of("a", "b"));
        // 3 ends record a and 4 starts record b: "3 4" is not a verbatim span.
        List<VerbatimSpan> spans = array.spans(new int[] {0, 1, 2, 3, 4, 5, 6, 8}, 2);
        assertThat(spans)
                .containsExactly(
                        new VerbatimSpan(1, 3, List.of(new VerbatimSpan.Occurrence("a", 2))),
                        new VerbatimSpan(4, 3, List.of(new VerbatimSpan.Occurrence("b", 0))));
        assertThat(array.spans(new int[] {3, 4}, 2)).isEmpty();
        assertThatThrownBy(() -> new TokenSuffixArray(List.of(new int[] {-1}), List.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] randomTokens(Random random, int length, int alphabet) {
        int[] t = new int[length];
        for (int i = 0; i < length; i++) {
            t[i] = random.nextInt(alphabet);
        }
        return t;
    }

    /** The definition: maximal match length from each start; keep those not contained in an earlier one. */
    private static List<VerbatimSpan> bruteForce(List<int[]> records, List<String> ids, int[] answer, int minLength) {
        int m = answer.length;
        int[] longest = new int[m];
        for (int i = 0; i < m; i++) {
            for (int[] r : records) {
                for (int p = 0; p < r.length; p++) {
                    int l = 0;
                    while (i + l < m && p + l < r.length && answer[i + l] == r[p + l]) {
                        l++;
                    }
                    longest[i] = Math.max(longest[i], l);
                }
            }
        }
        List<VerbatimSpan> spans = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            int length = longest[i];
            boolean contained = false;
            for (int j = 0; j < i; j++) {
                contained |= j + longest[j] >= i + length;
            }
            if (length < minLength || contained) {
                continue;
            }
            List<VerbatimSpan.Occurrence> occurrences = new ArrayList<>();
            for (int r = 0; r < records.size(); r++) {
                int[] rec = records.get(r);
                for (int p = 0; p + length <= rec.length; p++) {
                    if (Arrays.equals(rec, p, p + length, answer, i, i + length)) {
                        occurrences.add(new VerbatimSpan.Occurrence(ids.get(r), p));
                    }
                }
            }
            spans.add(new VerbatimSpan(i, length, occurrences));
        }
        return spans;
    }
}
