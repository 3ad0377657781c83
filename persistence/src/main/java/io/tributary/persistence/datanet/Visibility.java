package io.tributary.persistence.datanet;

/** Who may see, contribute to and use a DataNet. */
public enum Visibility {
    /** Members of the owning organization only. */
    PRIVATE,
    /** Members of any organization on the platform. */
    PUBLIC
}
