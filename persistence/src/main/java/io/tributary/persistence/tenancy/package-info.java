/** Tenants (organizations), their members, API keys, SSO connections and branding. */
package io.tributary.persistence.tenancy;
