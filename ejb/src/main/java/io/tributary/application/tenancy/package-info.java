/** Tenants, members and their roles, API keys, SSO connections and branding; the Keycloak directory behind them. */
package io.tributary.application.tenancy;
