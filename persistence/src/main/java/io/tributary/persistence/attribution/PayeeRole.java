package io.tributary.persistence.attribution;

/** Who a share of an inference's charge goes to. */
public enum PayeeRole {
    CONTRIBUTOR,
    VALIDATOR,
    MODEL_OWNER,
    PLATFORM
}
