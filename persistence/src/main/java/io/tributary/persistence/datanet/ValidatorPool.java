package io.tributary.persistence.datanet;

/** Whose validators may review a DataNet's contributions. */
public enum ValidatorPool {
    /** Validators of the organization that owns the DataNet. */
    OWNER_ORGANIZATION,
    /** Validators of any organization (public DataNets only). */
    ANY_ORGANIZATION
}
