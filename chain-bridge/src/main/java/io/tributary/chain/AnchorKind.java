package io.tributary.chain;

/** What an anchored Merkle root commits to; the ordinal is the contract's enum value. */
public enum AnchorKind {
    DATANET_RELEASE,
    ATTRIBUTION_BATCH
}
