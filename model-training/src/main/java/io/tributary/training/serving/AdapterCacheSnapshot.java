package io.tributary.training.serving;

import java.time.Duration;
import java.util.List;

/**
 * What the adapter cache holds and has done, at one moment: for a serving page and for metrics.
 *
 * @param budgetBytes the most bytes resident adapters may occupy ({@link Long#MAX_VALUE}: no byte limit)
 * @param residentBytes the bytes they occupy now, the sum of their {@link ResidentAdapter#bytes()}
 * @param capacity the most adapters resident at once
 * @param hits lookups that found the adapter resident
 * @param misses lookups that had to load it
 * @param loads adapters loaded from the source
 * @param evictions adapters evicted to make room
 * @param loading adapters being loaded now
 * @param resident the resident adapters, most recently used first
 * @param recentColdLoads the latencies of the most recent loads (at most 1,000), oldest first
 */
public record AdapterCacheSnapshot(
        long budgetBytes,
        long residentBytes,
        int capacity,
        long hits,
        long misses,
        long loads,
        long evictions,
        int loading,
        List<ResidentAdapter> resident,
        List<Duration> recentColdLoads) {}
