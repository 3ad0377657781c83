package io.tributary.web.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tributary.application.tenancy.Identity;
import io.tributary.persistence.tenancy.Role;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads an {@link Identity} from Keycloak token claims (browser sessions and bearer tokens alike). */
final class IdentityClaims {

    private IdentityClaims() {}

    static Identity from(JWTClaimsSet claims) throws ParseException {
        String email = claims.getStringClaim("email");
        if (email == null || email.isBlank()) {
            email = claims.getStringClaim("preferred_username");
        }
        String name = claims.getStringClaim("name");
        // Absent counts as unverified: only an address the identity provider vouches for binds a member.
        boolean emailVerified = Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"));
        return new Identity(
                claims.getSubject(),
                email,
                emailVerified,
                name == null ? email : name,
                organizations(claims),
                platformAdmin(claims));
    }

    /** Keycloak sends a list of aliases, or a map keyed by alias when organization attributes are requested. */
    private static List<String> organizations(JWTClaimsSet claims) {
        Object claim = claims.getClaim("organization");
        if (claim instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).toList();
        }
        if (claim instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(String.valueOf(claim));
    }

    private static boolean platformAdmin(JWTClaimsSet claims) throws ParseException {
        Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
        return realmAccess != null
                && realmAccess.get("roles") instanceof Collection<?> roles
                && roles.contains(Role.PLATFORM_ADMIN.key());
    }
}
