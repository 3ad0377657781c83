package io.tributary.persistence.serving;

/** How an answered request ended. */
public enum UsageStatus {
    /** The answer was generated to its end (a stop, the token limit or the context). */
    COMPLETED,
    /** The client went away or the request timed out; what was generated is billed. */
    CANCELLED,
    /** The engine failed; nothing is billed. */
    FAILED
}
