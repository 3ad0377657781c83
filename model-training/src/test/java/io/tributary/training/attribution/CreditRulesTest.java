package io.tributary.training.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CreditRulesTest {

    private static final CreditRules NO_CAP = new CreditRules(0.1, 1.0);

    @Test
    void weightsAreProportionalToSummedScoresAndSumToOne() {
        List<ScoredRecord> scored =
                List.of(new ScoredRecord("a1", 0, 4), new ScoredRecord("a2", 1, 2), new ScoredRecord("b1", 2, 2));
        CreditRules.Credit credit = NO_CAP.credit(scored, Map.of("a1", "alice", "a2", "alice", "b1", "bob"), Map.of());
        assertThat(credit.contributors()).containsOnlyKeys("alice", "bob");
        assertThat(credit.contributors().get("alice")).isCloseTo(0.75, within(1e-12));
        assertThat(credit.contributors().get("bob")).isCloseTo(0.25, within(1e-12));
        assertThat(credit.contributors().keySet()).containsExactly("alice", "bob");
        assertThat(credit.records().get("a1")).isCloseTo(0.5, within(1e-12));
        assertThat(sum(credit.records())).isCloseTo(1, within(1e-12));
    }

    @Test
    void splittingOneContributorsRecordsAcrossAccountsChangesTheirShareByLessThanOnePercent() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<ScoredRecord> scored = new ArrayList<>();
            Map<String, String> single = new HashMap<>();
            Map<String, String> split = new HashMap<>();
            Map<String, String> kept = new HashMap<>();
            int n = 5 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                String id = "r" + i;
                scored.add(new ScoredRecord(id, i, random.nextGaussian() + 0.5));
                String contributor = "c" + random.nextInt(6);
                single.put(id, contributor);
                // c0 spreads its records over three sock-puppet accounts
                split.put(id, contributor.equals("c0") ? "c0-account" + random.nextInt(3) : contributor);
                if (i > 0 && random.nextInt(8) == 0) {
                    kept.put(id, "r" + random.nextInt(i));
                }
            }
            // no cap: a cap binds per account, so it holds only when the platform maps accounts to one identity
            CreditRules rules = new CreditRules(0.1, 1.0);
            CreditRules.Credit honest = rules.credit(scored, single, kept);
            CreditRules.Credit sybil = rules.credit(scored, split, kept);
            double before = honest.contributors().getOrDefault("c0", 0.0);
            double after = sybil.contributors().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("c0-account"))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
            assertThat(Math.abs(after - before)).isLessThan(0.01 * Math.max(before, 1e-9) + 1e-12);
            for (String other : List.of("c1", "c2", "c3", "c4", "c5")) {
                assertThat(sybil.contributors().getOrDefault(other, 0.0))
                        .isCloseTo(honest.contributors().getOrDefault(other, 0.0), within(1e-9));
            }
        }
    }

    @Test
    void capLimitsOneContributorAndGivesTheExcessToTheOthersInProportion() {
        List<ScoredRecord> scored =
                List.of(new ScoredRecord("a", 0, 8), new ScoredRecord("b", 1, 1.5), new ScoredRecord("c", 2, 0.5));
        CreditRules.Credit credit =
                new CreditRules(0.0, 0.5).credit(scored, Map.of("a", "alice", "b", "bob", "c", "carol"), Map.of());
        assertThat(credit.contributors().get("alice")).isCloseTo(0.5, within(1e-12));
        assertThat(credit.contributors().get("bob")).isCloseTo(0.375, within(1e-12));
        assertThat(credit.contributors().get("carol")).isCloseTo(0.125, within(1e-12));
        assertThat(sum(credit.contributors())).isCloseTo(1, within(1e-12));
    }

    @Test
    void capWidensWhenTooFewContributorsAreLeftToSumToOne() {
        List<ScoredRecord> scored = List.of(new ScoredRecord("a", 0, 9), new ScoredRecord("b", 1, 1));
        CreditRules.Credit credit =
                new CreditRules(0.0, 0.2).credit(scored, Map.of("a", "alice", "b", "bob"), Map.of());
        assertThat(credit.contributors().get("alice")).isCloseTo(0.5, within(1e-12));
        assertThat(credit.contributors().get("bob")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void scoresBelowTheNoiseBandEarnNothingAndTheRestIsRenormalised() {
        List<ScoredRecord> scored = List.of(
                new ScoredRecord("a", 0, 10),
                new ScoredRecord("b", 1, 3),
                new ScoredRecord("noise", 2, 0.9),
                new ScoredRecord("negative", 3, -5));
        CreditRules.Credit credit = new CreditRules(0.1, 1.0)
                .credit(scored, Map.of("a", "alice", "b", "bob", "noise", "nora", "negative", "ned"), Map.of());
        assertThat(credit.contributors()).containsOnlyKeys("alice", "bob");
        assertThat(credit.contributors().get("alice")).isCloseTo(10.0 / 13, within(1e-12));
        assertThat(credit.records()).doesNotContainKeys("noise", "negative");
    }

    @Test
    void duplicatesCreditOnlyTheFirstSubmittersRecordOnce() {
        List<ScoredRecord> scored = List.of(
                new ScoredRecord("copy", 0, 6), new ScoredRecord("original", 1, 5), new ScoredRecord("other", 2, 4));
        Map<String, String> kept = CreditRules.keptRecords(List.of(List.of("original", "copy")));
        CreditRules.Credit credit =
                NO_CAP.credit(scored, Map.of("copy", "copier", "original", "author", "other", "olga"), kept);
        assertThat(credit.contributors()).containsOnlyKeys("author", "olga");
        // the group counts once, at its best member's score (6), not 6 + 5
        assertThat(credit.contributors().get("author")).isCloseTo(0.6, within(1e-12));
        assertThat(credit.records()).containsOnlyKeys("original", "other");
    }

    @Test
    void noPositiveScoreMeansNothingIsOwed() {
        CreditRules.Credit credit = CreditRules.defaults()
                .credit(
                        List.of(new ScoredRecord("a", 0, -1), new ScoredRecord("b", 1, 0)),
                        Map.of("a", "x", "b", "y"),
                        Map.of());
        assertThat(credit.isEmpty()).isTrue();
        assertThat(credit.records()).isEmpty();
    }

    @Test
    void aRecordWithoutContributorOrScoreIsRefused() {
        assertThatThrownBy(
                        () -> CreditRules.defaults().credit(List.of(new ScoredRecord("a", 0, 1)), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Record a has no contributor");
        assertThatThrownBy(() -> CreditRules.defaults()
                        .credit(List.of(new ScoredRecord("a", 0, Double.NaN)), Map.of("a", "x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new CreditRules(1.0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreditRules(0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double sum(Map<String, Double> weights) {
        return weights.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
