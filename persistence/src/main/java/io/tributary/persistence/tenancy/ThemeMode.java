package io.tributary.persistence.tenancy;

/** The colour scheme a tenant's pages open in. */
public enum ThemeMode {
    LIGHT,
    DARK
}
