package io.tributary.application.attribution;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The gaming rules that turn one inference's record scores into what each contributor earns of the contributors'
 * pool (see docs/attribution.md, "Gaming and fairness"):
 *
 * <ol>
 *   <li><b>Noise band</b>: a record scoring at or below zero, or below {@link #NOISE_BAND} of the best score, earns
 *       nothing; the others' weights are renormalised to sum to 1. Scores that close to nothing are indistinguishable
 *       from projection noise, and paying them would reward volume, not influence.
 *   <li><b>Duplicates</b>: a record that is a near duplicate of an earlier one (datanet's check marks it) credits the
 *       earlier, kept record and its contributor; copying a record earns the copier nothing.
 *   <li><b>Per contributor</b>: weights are summed per contributor before anything else is decided, so splitting one's
 *       records across several accounts changes nothing while the cap does not bind.
 *   <li><b>Cap</b>: no contributor earns more than {@link #CAP} of the contributors' pool of one inference when
 *       others qualify too (the cap rises to 1/n when n contributors qualify, so the pool is always paid in full); the
 *       excess goes to the others in proportion (water filling).
 * </ol>
 */
public final class ContributorWeights {

    /** Scores below this fraction of the inference's best score earn nothing. */
    public static final double NOISE_BAND = 0.1;

    /** The largest fraction of one inference's contributors' pool one contributor can earn. */
    public static final double CAP = 0.5;

    /** Integer scale of the weights handed to the split: enough digits that rounding never matters. */
    static final BigDecimal SCALE = BigDecimal.valueOf(1_000_000_000_000L);

    /** One scored record with the contributor it credits (the kept record's, for a near duplicate). */
    public record Scored(
            UUID recordId, UUID creditedRecordId, UUID contributorTenantId, UUID contributorMemberId, double score) {}

    /** A contributor by organization and member. */
    public record Contributor(UUID tenantId, UUID memberId) {}

    /** Each record's weight after the noise band (same order as given), and each contributor's share after the cap. */
    public record Weights(List<Double> recordWeights, Map<Contributor, Double> contributorShares) {}

    private ContributorWeights() {}

    public static Weights of(List<Scored> records) {
        double best = records.stream().mapToDouble(Scored::score).max().orElse(0);
        double floor = Math.max(0, NOISE_BAND * best);
        double total = 0;
        for (Scored r : records) {
            if (counts(r.score(), floor)) total += r.score();
        }
        List<Double> weights = new ArrayList<>();
        Map<Contributor, Double> shares = new LinkedHashMap<>();
        for (Scored r : records) {
            double w = total > 0 && counts(r.score(), floor) ? r.score() / total : 0;
            weights.add(w);
            if (w > 0) shares.merge(new Contributor(r.contributorTenantId(), r.contributorMemberId()), w, Double::sum);
        }
        return new Weights(List.copyOf(weights), cap(shares, CAP));
    }

    private static boolean counts(double score, double floor) {
        return score > 0 && score >= floor && Double.isFinite(score);
    }

    /** Water filling: nobody above {@code max(cap, 1/n)}, the excess spread over the others by their shares. */
    static Map<Contributor, Double> cap(Map<Contributor, Double> shares, double cap) {
        int n = shares.size();
        if (n == 0) return Map.of();
        double limit = Math.max(cap, 1.0 / n);
        Map<Contributor, Double> result = new LinkedHashMap<>(shares);
        Map<Contributor, Boolean> capped = new HashMap<>();
        for (int round = 0; round < n; round++) {
            double excess = 0;
            double free = 0;
            for (var e : result.entrySet()) {
                if (capped.containsKey(e.getKey())) continue;
                if (e.getValue() > limit + 1e-15) {
                    excess += e.getValue() - limit;
                    e.setValue(limit);
                    capped.put(e.getKey(), true);
                }
            }
            if (excess <= 0) break;
            for (var e : result.entrySet()) {
                if (!capped.containsKey(e.getKey())) free += e.getValue();
            }
            if (free <= 0) break;
            for (var e : result.entrySet()) {
                if (!capped.containsKey(e.getKey())) e.setValue(e.getValue() + excess * e.getValue() / free);
            }
        }
        return result;
    }

    /** A share as an integer weight for {@link ChargeSplit}. */
    static BigInteger integer(double share) {
        return BigDecimal.valueOf(share).multiply(SCALE).toBigInteger();
    }
}
