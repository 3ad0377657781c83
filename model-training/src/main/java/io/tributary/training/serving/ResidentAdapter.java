package io.tributary.training.serving;

/**
 * An adapter currently held in the serving banks.
 *
 * @param id the adapter's id
 * @param rank its LoRA rank
 * @param pinned whether eviction is forbidden (pinned explicitly or in use by a request)
 * @param lastUsed a logical clock value; the smallest among unpinned adapters is evicted first
 */
public record ResidentAdapter(String id, int rank, boolean pinned, long lastUsed) {}
