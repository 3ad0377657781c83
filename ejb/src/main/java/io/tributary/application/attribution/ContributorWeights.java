package io.tributary.application.attribution;

import io.tributary.training.attribution.Attribution;
import io.tributary.training.attribution.CreditRules;
import io.tributary.training.attribution.ScoredRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one inference's scored records into what each contributor earns of the contributors' pool, by the model
 * library's gaming and fairness rules ({@link CreditRules#defaults()}, see docs/attribution.md): a near duplicate
 * credits the earlier, kept record (a group counts once, at its best score); scores below 10% of the best earn nothing;
 * weights are summed per contributor; no contributor takes more than half of one inference when others qualify.
 */
public final class ContributorWeights {

    /** The rules the platform applies. */
    static final CreditRules RULES = CreditRules.defaults();

    /** Integer scale of the weights handed to the split: enough digits that rounding never matters. */
    static final BigDecimal SCALE = BigDecimal.valueOf(1_000_000_000_000L);

    /** One scored record with the record that keeps its credit and that record's contributor. */
    public record Scored(
            UUID recordId, UUID creditedRecordId, UUID contributorTenantId, UUID contributorMemberId, double score) {}

    /** A contributor by organization and member. */
    public record Contributor(UUID tenantId, UUID memberId) {
        String key() {
            return tenantId + ":" + memberId;
        }
    }

    /**
     * Each record's weight (same order as given; a duplicate group's weight is shown on its first row, the others 0;
     * the weights sum to 1 unless nothing earns), and each contributor's share, summing to 1.
     */
    public record Weights(
            List<Double> recordWeights,
            Map<Contributor, Double> contributorShares,
            Map<UUID, Double> creditedRecords) {}

    private ContributorWeights() {}

    public static Weights of(List<Scored> records) {
        List<ScoredRecord> scored = new ArrayList<>();
        Map<String, String> contributorOf = new HashMap<>();
        Map<String, String> keptRecordOf = new HashMap<>();
        Map<String, Contributor> byKey = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Scored r = records.get(i);
            Contributor c = new Contributor(r.contributorTenantId(), r.contributorMemberId());
            byKey.put(c.key(), c);
            scored.add(new ScoredRecord(r.recordId().toString(), i, r.score()));
            contributorOf.put(r.creditedRecordId().toString(), c.key());
            contributorOf.putIfAbsent(r.recordId().toString(), c.key());
            if (!r.creditedRecordId().equals(r.recordId())) {
                keptRecordOf.put(r.recordId().toString(), r.creditedRecordId().toString());
            }
        }
        CreditRules.Credit credit = Attribution.credit(scored, contributorOf, keptRecordOf, RULES);
        List<Double> weights = new ArrayList<>();
        Set<UUID> shown = new HashSet<>();
        for (Scored r : records) {
            boolean first = shown.add(r.creditedRecordId());
            weights.add(
                    first ? credit.records().getOrDefault(r.creditedRecordId().toString(), 0.0) : 0.0);
        }
        Map<Contributor, Double> shares = new LinkedHashMap<>();
        credit.contributors().forEach((key, w) -> shares.put(byKey.get(key), w));
        Map<UUID, Double> credited = new LinkedHashMap<>();
        credit.records().forEach((id, w) -> credited.put(UUID.fromString(id), w));
        return new Weights(List.copyOf(weights), shares, credited);
    }

    /** A share as an integer weight for {@link ChargeSplit}. */
    static BigInteger integer(double share) {
        return BigDecimal.valueOf(share).multiply(SCALE).toBigInteger();
    }
}
