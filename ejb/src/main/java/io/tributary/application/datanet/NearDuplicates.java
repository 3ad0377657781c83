package io.tributary.application.datanet;

import io.tributary.application.datanet.checks.NearDuplicateIndex;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.datanet.DataNet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One MinHash/LSH index per DataNet, built from the stored signatures on first use and extended as uploads commit, so
 * near-duplicate search costs a few hash lookups per record instead of a scan.
 */
@ApplicationScoped
public class NearDuplicates {

    static final int HASHES = 128;
    static final int BANDS = 32;
    static final long SEED = 0x7121_B07A_2026L;

    /** Index per DataNet and threshold: a revised threshold gets a fresh index. */
    private record Key(UUID dataNetId, double threshold) {}

    @Inject
    ContributionRepository contributions;

    private final Map<Key, NearDuplicateIndex> indexes = new ConcurrentHashMap<>();

    public NearDuplicateIndex of(DataNet dataNet) {
        double threshold = dataNet.rules().nearDuplicateThreshold();
        return indexes.computeIfAbsent(new Key(dataNet.getId(), threshold), key -> {
            NearDuplicateIndex index = empty(threshold);
            for (Object[] row : contributions.liveSignatures(dataNet.getId())) {
                index.add((UUID) row[0], NearDuplicateIndex.decode((byte[]) row[1]));
            }
            return index;
        });
    }

    /** An index with the platform's MinHash parameters, for one upload's own records. */
    public static NearDuplicateIndex empty(double threshold) {
        return new NearDuplicateIndex(HASHES, BANDS, threshold, SEED);
    }
}
