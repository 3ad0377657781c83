package io.tributary.persistence.tenancy;

/** Whether a tenant's members and API keys may use Tributary. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
