package io.tributary.chain;

/** Where a transaction was seen mined: stored, and checked later against the canonical chain to detect re-orgs. */
public record Inclusion(long blockNumber, String blockHash) {}
