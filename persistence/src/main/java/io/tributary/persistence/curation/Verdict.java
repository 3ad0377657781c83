package io.tributary.persistence.curation;

/** A validator's vote on a contribution. */
public enum Verdict {
    APPROVE,
    REJECT
}
