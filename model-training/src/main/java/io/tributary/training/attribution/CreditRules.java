package io.tributary.training.attribution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one inference's scored records become contributor weights that sum to 1: the gaming and fairness rules of
 * the fee split, as pure logic the platform calls.
 *
 * <ol>
 *   <li>Duplicates: a record that duplicates an earlier one (exact or near, as the DataNet checks marked it) credits
 *       the kept record, the first submitter's; a group counts once, at its best member's score.
 *   <li>Noise band: a record whose score is not positive or is below {@code noiseBand} times the best record's score
 *       earns nothing (below that, the ranking is projection noise, not influence); the rest is renormalised.
 *   <li>Per contributor, not per record: a contributor's weight is the sum of their records' scores, so splitting
 *       records across several accounts neither gains nor loses (every rule before this one is per record).
 *   <li>Cap: no contributor takes more than {@code contributorCap} of one inference; the excess goes to the others
 *       in proportion to their weights (when fewer than {@code 1 / cap} contributors are left, the cap is
 *       {@code 1 / count}, so the weights still sum to 1).
 * </ol>
 *
 * @param noiseBand in [0, 1): the fraction of the best record's score below which a record earns nothing
 * @param contributorCap in (0, 1]: the largest weight one contributor may take from one inference
 */
public record CreditRules(double noiseBand, double contributorCap) {

    public CreditRules {
        if (!(noiseBand >= 0 && noiseBand < 1)) {
            throw new IllegalArgumentException("noiseBand must be in [0, 1), got " + noiseBand);
        }
        if (!(contributorCap > 0 && contributorCap <= 1)) {
            throw new IllegalArgumentException("contributorCap must be in (0, 1], got " + contributorCap);
        }
    }

    /** Noise band 10 % of the best score, cap 50 % per contributor per inference. */
    public static CreditRules defaults() {
        return new CreditRules(0.1, 0.5);
    }

    /**
     * The weights of one inference.
     *
     * @param contributors contributor id to weight, summing to 1, largest first (empty when no record earns)
     * @param records credited record id to weight (its contributor's weight shared by score), summing to 1
     */
    public record Credit(Map<String, Double> contributors, Map<String, Double> records) {

        public Credit {
            contributors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contributors));
            records = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(records));
        }

        /** True when no record scored above the noise band: nothing is owed to contributors for this inference. */
        public boolean isEmpty() {
            return contributors.isEmpty();
        }
    }

    /**
     * Applies the rules.
     *
     * @param scored the inference's scored records (any method; higher is more influential)
     * @param contributorOf every scored record's contributor (missing is an error: nobody could be paid)
     * @param keptRecordOf for a record marked as a duplicate, the record kept from its group (the first
     *     submitter's); records not in the map are their own kept record
     */
    public Credit credit(
            Collection<ScoredRecord> scored, Map<String, String> contributorOf, Map<String, String> keptRecordOf) {
        // 1. duplicates: each group counts once, at its best score, for its kept record
        Map<String, Double> byRecord = new LinkedHashMap<>();
        for (ScoredRecord r : scored) {
            if (Double.isNaN(r.score())) {
                throw new IllegalArgumentException("Record " + r.id() + " has no score (NaN)");
            }
            String kept = keptRecordOf.getOrDefault(r.id(), r.id());
            byRecord.merge(kept, r.score(), Math::max);
        }
        // 2. noise band, relative to the best record
        double best = byRecord.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        if (!(best > 0)) {
            return new Credit(Map.of(), Map.of());
        }
        double floor = noiseBand * best;
        Map<String, Double> earning = new LinkedHashMap<>();
        byRecord.forEach((id, s) -> {
            if (s > 0 && s >= floor) {
                earning.put(id, s);
            }
        });
        // 3. per contributor
        Map<String, Double> perContributor = new TreeMap<>();
        Map<String, String> owner = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : earning.entrySet()) {
            String contributor = contributorOf.get(e.getKey());
            if (contributor == null) {
                throw new IllegalArgumentException("Record " + e.getKey() + " has no contributor");
            }
            owner.put(e.getKey(), contributor);
            perContributor.merge(contributor, e.getValue(), Double::sum);
            total += e.getValue();
        }
        Map<String, Double> weights = new HashMap<>();
        for (Map.Entry<String, Double> e : perContributor.entrySet()) {
            weights.put(e.getKey(), e.getValue() / total);
        }
        // 4. cap, water-filling: fix the capped, share the rest among the uncapped in proportion
        double cap = Math.max(contributorCap, 1.0 / weights.size());
        Map<String, Double> capped = cap(weights, cap);
        List<Map.Entry<String, Double>> ordered = new ArrayList<>(capped.entrySet());
        ordered.sort((a, b) -> !a.getValue().equals(b.getValue())
                ? Double.compare(b.getValue(), a.getValue())
                : a.getKey().compareTo(b.getKey()));
        Map<String, Double> contributors = new LinkedHashMap<>();
        ordered.forEach(e -> contributors.put(e.getKey(), e.getValue()));
        Map<String, Double> records = new LinkedHashMap<>();
        earning.forEach((id, s) -> {
            String c = owner.get(id);
            records.put(id, capped.get(c) * s / perContributor.get(c));
        });
        return new Credit(contributors, records);
    }

    /** Record duplicate groups (each in submission order, the first is kept) as the map {@link #credit} takes. */
    public static Map<String, String> keptRecords(Collection<? extends List<String>> duplicateGroups) {
        Map<String, String> kept = new HashMap<>();
        for (List<String> group : duplicateGroups) {
            for (int i = 1; i < group.size(); i++) {
                kept.put(group.get(i), group.get(0));
            }
        }
        return kept;
    }

    private static Map<String, Double> cap(Map<String, Double> weights, double cap) {
        Map<String, Double> result = new HashMap<>(weights);
        Map<String, Double> free = new HashMap<>(weights);
        double fixedMass = 0;
        while (true) {
            double freeMass =
                    free.values().stream().mapToDouble(Double::doubleValue).sum();
            double scale = (1 - fixedMass) / freeMass;
            List<String> over = new ArrayList<>();
            free.forEach((c, w) -> {
                if (w * scale > cap + 1e-12) {
                    over.add(c);
                }
            });
            if (over.isEmpty()) {
                free.forEach((c, w) -> result.put(c, w * scale));
                return result;
            }
            for (String c : over) {
                result.put(c, cap);
                free.remove(c);
                fixedMass += cap;
            }
            if (free.isEmpty()) {
                return result;
            }
        }
    }
}
