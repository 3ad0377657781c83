package io.tributary.application.datanet;

import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.datanet.DataNetRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who contributed records, which record keeps their credit and which organizations may read them, for serving and
 * attribution (no actor: they serve every organization; they learn ids only from a model's own training data).
 */
@Stateless
public class ContributionOrigins {

    /**
     * A record's DataNet and contributor, and the record its credit goes to: an earlier record it nearly duplicates
     * (the check's {@code similarTo}), with that record's contributor, or else itself.
     */
    public record Origin(
            UUID recordId, UUID dataNetId, UUID creditedRecordId, UUID contributorTenantId, UUID contributorMemberId) {}

    @Inject
    ContributionRepository contributions;

    @Inject
    DataNetRepository dataNets;

    /** The records, among these, whose DataNet the organization may read now: its own DataNets and public ones. */
    public Set<UUID> readableBy(UUID tenantId, Collection<UUID> recordIds) {
        Map<UUID, Boolean> open = new HashMap<>();
        Set<UUID> readable = new HashSet<>();
        for (Contribution c : contributions.byIds(List.copyOf(new HashSet<>(recordIds)))) {
            boolean ok = open.computeIfAbsent(
                    c.getDataNetId(),
                    id -> dataNets.find(id).map(d -> d.isOpenTo(tenantId)).orElse(false));
            if (ok) readable.add(c.getId());
        }
        return readable;
    }

    /** The origins of the records that exist, by id. */
    public Map<UUID, Origin> of(Collection<UUID> recordIds) {
        Map<UUID, Contribution> found = new HashMap<>();
        for (Contribution c : contributions.byIds(List.copyOf(new HashSet<>(recordIds)))) found.put(c.getId(), c);
        Set<UUID> kept = new HashSet<>();
        for (Contribution c : found.values()) {
            if (c.getSimilarTo() != null && !found.containsKey(c.getSimilarTo())) kept.add(c.getSimilarTo());
        }
        Map<UUID, Contribution> originals = new HashMap<>(found);
        if (!kept.isEmpty()) {
            for (Contribution c : contributions.byIds(List.copyOf(kept))) originals.put(c.getId(), c);
        }
        Map<UUID, Origin> origins = new HashMap<>();
        for (Contribution c : found.values()) {
            Contribution credited = c;
            Contribution original = c.getSimilarTo() == null ? null : originals.get(c.getSimilarTo());
            // Only an earlier record keeps the credit: the first submitter, never the copier.
            if (original != null && !original.getCreatedAt().isAfter(c.getCreatedAt())) credited = original;
            origins.put(
                    c.getId(),
                    new Origin(
                            c.getId(),
                            c.getDataNetId(),
                            credited.getId(),
                            credited.getContributor().tenantId(),
                            credited.getContributor().memberId()));
        }
        return origins;
    }
}
