package io.tributary.training.generate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.training.generate.GenerationConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final int[] NO_PROMPT = {};

    @Test
    void greedyDecodingWithAFrequencyPenaltyLeavesATokenOnceItsLeadIsUsedUp() {
        // Token 0 leads token 1 by 1.0: without a penalty greedy picks 0 forever; with 0.6 per use, 0 twice then 1.
        float[] logits = {3f, 2f, 0f};
        Sampler plain = new Sampler(GenerationConfig.builder().build(), NO_PROMPT);
        Sampler penalized =
                new Sampler(GenerationConfig.builder().frequencyPenalty(0.6).build(), NO_PROMPT);
        int[] a = new int[4];
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            a[i] = plain.next(logits.clone());
            b[i] = penalized.next(logits.clone());
        }
        assertThat(a).containsExactly(0, 0, 0, 0);
        assertThat(b).containsExactly(0, 0, 1, 0);
    }

    @Test
    void aPresencePenaltyCountsATokenOnceAndANegativeOneFavoursRepeats() {
        float[] logits = {3f, 2.5f, 0f};
        Sampler presence =
                new Sampler(GenerationConfig.builder().presencePenalty(1).build(), NO_PROMPT);
        assertThat(presence.next(logits.clone())).isEqualTo(0);
        assertThat(presence.next(logits.clone())).isEqualTo(1);
        // Both used once: 3 - 1 > 2.5 - 1, and a presence penalty does not grow with use.
        assertThat(presence.next(logits.clone())).isEqualTo(0);
        assertThat(presence.next(logits.clone())).isEqualTo(0);

        Sampler sticky =
                new Sampler(GenerationConfig.builder().frequencyPenalty(-2).build(), NO_PROMPT);
        float[] close = {2f, 2.1f};
        assertThat(sticky.next(close.clone())).isEqualTo(1);
        assertThat(sticky.next(new float[] {2.5f, 2.1f}))
                .as("a negative penalty rewards the token used")
                .isEqualTo(1);
    }

    @Test
    void theRepetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOfThePromptsAndAnswersTokensAsHuggingFaceDoes() {
        // Token 2 is in the prompt: 2.4 / 2 = 1.2 < 1.5, so token 1 wins; token 3 (-1) was never used and stays.
        Sampler sampler =
                new Sampler(GenerationConfig.builder().repetitionPenalty(2).build(), new int[] {2, 4});
        float[] logits = {0f, 1.5f, 2.4f, -1f, -0.5f};
        assertThat(sampler.next(logits)).isEqualTo(1);
        assertThat(logits).containsExactly(0f, 1.5f, 1.2f, -1f, -1f);
        // Now 1 is used too: 1.5 / 2 = 0.75 < 1.2, and a token is penalized once however often it occurred.
        float[] again = {0f, 1.5f, 2.4f, -1f, -0.5f};
        assertThat(sampler.next(again)).isEqualTo(2);
        assertThat(again).containsExactly(0f, 0.75f, 1.2f, -1f, -1f);
        float[] third = {0f, 1.5f, 2.4f, -1f, -0.5f};
        sampler.next(third);
        assertThat(third[2]).as("2 came twice, still divided once").isEqualTo(1.2f);
    }

    @Test
    void noNgramOfTheGivenSizeOccursTwiceAcrossPromptAndAnswer() {
        // Greedy prefers 1, then 2: "1 1 1" may occur once, and after "1 2" the prompt already had a 1.
        float[] logits = {0f, 3f, 2f, 1f};
        Sampler trigrams =
                new Sampler(GenerationConfig.builder().noRepeatNgramSize(3).build(), new int[] {1, 2, 1});
        int[] answer = new int[4];
        for (int i = 0; i < answer.length; i++) {
            answer[i] = trigrams.next(logits.clone());
        }
        assertThat(answer).containsExactly(1, 1, 2, 2);

        Sampler unigrams =
                new Sampler(GenerationConfig.builder().noRepeatNgramSize(1).build(), new int[] {1});
        assertThat(unigrams.next(logits.clone()))
                .as("size 1 forbids every token seen")
                .isEqualTo(2);
        assertThat(unigrams.next(logits.clone())).isEqualTo(3);
    }

    @Test
    void penaltiesOutsideOpenAisRangeAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> GenerationConfig.builder().frequencyPenalty(2.5).build())
                .hasMessageContaining("frequencyPenalty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        GenerationConfig.builder().presencePenalty(Double.NaN).build())
                .hasMessageContaining("presencePenalty");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> GenerationConfig.builder().repetitionPenalty(0).build())
                .hasMessageContaining("repetitionPenalty");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> GenerationConfig.builder().noRepeatNgramSize(-1).build())
                .hasMessageContaining("noRepeatNgramSize");
    }

    @Test
    void partialSelectionGivesTheSameCandidatesAndProbabilitiesAsAFullSort() {
        Random random = new Random(11);
        double[] temperatures = {0.3, 1, 2.5};
        double[] topPs = {1, 0.95, 0.5, 0.01};
        for (int c = 0; c < 600; c++) {
            int n = 1 + random.nextInt(c % 10 == 0 ? 3000 : 60);
            float[] logits = new float[n];
            double spread = 0.1 + random.nextDouble() * 10;
            boolean ties = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                float v = (float) (random.nextGaussian() * spread);
                // Rounded logits tie often, which tests the order among equal logits.
                logits[i] = ties ? Math.round(v) : v;
            }
            int[] topKs = {0, 1, 5, 40, n, n + 3};
            double temperature = temperatures[random.nextInt(temperatures.length)];
            int topK = topKs[random.nextInt(topKs.length)];
            double topP = topPs[random.nextInt(topPs.length)];
            String what = "case " + c + ": n " + n + ", T " + temperature + ", k " + topK + ", p " + topP;

            Sampler.Distribution fast = Sampler.distribution(logits, temperature, topK, topP);
            Reference slow = reference(logits, temperature, topK, topP);
            assertThat(fast.size()).as(what).isEqualTo(slow.order.length);
            Map<Integer, Double> fastProbabilities = new HashMap<>();
            for (int i = 0; i < fast.size(); i++) {
                fastProbabilities.put(fast.tokens()[i], fast.weights()[i] / fast.total());
            }
            for (int i = 0; i < slow.order.length; i++) {
                assertThat(fastProbabilities.get(slow.order[i]))
                        .as(what + ", token " + slow.order[i])
                        .isCloseTo(slow.probabilities[i], org.assertj.core.data.Offset.offset(1e-12));
            }
            if ((topK > 0 && topK < n) || topP < 1) {
                // Ordered candidates: most likely first, ties by id, exactly as the full sort.
                assertThat(Arrays.copyOf(fast.tokens(), fast.size())).as(what).containsExactly(slow.order);
            }
        }
    }

    private record Reference(int[] order, double[] probabilities) {}

    /** The previous sampler: sort the whole vocabulary, cut to top-k, then top-p, normalise. */
    private static Reference reference(float[] logits, double temperature, int topK, double topP) {
        int n = logits.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
        int keep = topK > 0 ? Math.min(topK, n) : n;
        double max = logits[order[0]];
        double[] p = new double[keep];
        double total = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp((logits[order[i]] - max) / temperature);
            total += p[i];
        }
        if (topP < 1) {
            double cumulative = 0;
            int cut = keep;
            for (int i = 0; i < keep; i++) {
                cumulative += p[i] / total;
                if (cumulative >= topP) {
                    cut = i + 1;
                    break;
                }
            }
            keep = cut;
            total = 0;
            for (int i = 0; i < keep; i++) {
                total += p[i];
            }
        }
        int[] ids = new int[keep];
        double[] probabilities = new double[keep];
        for (int i = 0; i < keep; i++) {
            ids[i] = order[i];
            probabilities[i] = p[i] / total;
        }
        return new Reference(ids, probabilities);
    }
}
