package io.tributary.persistence.datanet;

/** What an upload with some malformed lines does with its valid ones. */
public enum BadLinePolicy {
    /** Keep the valid records and report the bad lines. */
    KEEP_VALID,
    /** Refuse the whole file and report the bad lines; nothing is stored. */
    REJECT_FILE
}
