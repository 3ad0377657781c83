package io.tributary.training.serving;

import java.time.Duration;
import java.time.Instant;

/**
 * An adapter currently held for serving.
 *
 * @param id the adapter's id
 * @param rank its LoRA rank
 * @param bytes the memory its matrices occupy (grows with rank and adapted modules)
 * @param pinned whether eviction is forbidden (pinned explicitly or in use by a request)
 * @param hits requests and batch rows that found it resident
 * @param lastUsed a logical clock value; the smallest among unpinned adapters is evicted first
 * @param lastUsedAt when it was last used
 * @param coldLoad how long loading it from the source took (zero when it was put directly)
 */
public record ResidentAdapter(
        String id,
        int rank,
        long bytes,
        boolean pinned,
        long hits,
        long lastUsed,
        Instant lastUsedAt,
        Duration coldLoad) {}
