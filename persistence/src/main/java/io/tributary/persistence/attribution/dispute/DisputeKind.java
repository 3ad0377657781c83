package io.tributary.persistence.attribution.dispute;

/** What a contributor claims about a receipt. */
public enum DisputeKind {
    /** "My record should have been credited (or credited more)." */
    NOT_CREDITED,
    /** "This credited record copies mine." */
    COPIED
}
