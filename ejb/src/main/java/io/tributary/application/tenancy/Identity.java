package io.tributary.application.tenancy;

import java.util.List;

/**
 * A person as the identity provider vouches for them after sign-in (an OIDC token's claims).
 *
 * @param organizations aliases of the Keycloak organizations the person belongs to
 * @param platformAdmin whether the realm grants the platform-admin role
 */
public record Identity(String subject, String email, String name, List<String> organizations, boolean platformAdmin) {}
