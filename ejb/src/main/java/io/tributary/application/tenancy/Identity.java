package io.tributary.application.tenancy;

import java.util.List;

/**
 * A person as the identity provider vouches for them after sign-in (an OIDC token's claims).
 *
 * @param subject the identity provider's stable id of the account (members are bound to it)
 * @param emailVerified whether the identity provider verified the address (unverified addresses are refused)
 * @param organizations aliases of the Keycloak organizations the person belongs to
 * @param platformAdmin whether the realm grants the platform-admin role
 */
public record Identity(
        String subject,
        String email,
        boolean emailVerified,
        String name,
        List<String> organizations,
        boolean platformAdmin) {}
