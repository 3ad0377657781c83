package io.tributary.application.tenancy;

import io.tributary.persistence.tenancy.Tenant;

/** A tenant as the admin console lists it, with its usage counts. */
public record TenantSummary(Tenant tenant, long members, long activeApiKeys) {}
