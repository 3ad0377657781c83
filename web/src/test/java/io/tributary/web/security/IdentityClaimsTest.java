package io.tributary.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tributary.application.tenancy.Identity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityClaimsTest {

    private static JWTClaimsSet.Builder person() {
        return new JWTClaimsSet.Builder()
                .subject("3f1c")
                .claim("email", "ana@acme.test")
                .claim("organization", List.of("acme"));
    }

    @Test
    void anAddressCountsAsVerifiedOnlyWhenTheTokenSaysSo() throws Exception {
        assertThat(IdentityClaims.from(person().claim("email_verified", true).build())
                        .emailVerified())
                .isTrue();
        assertThat(IdentityClaims.from(person().claim("email_verified", false).build())
                        .emailVerified())
                .isFalse();
        assertThat(IdentityClaims.from(person().build()).emailVerified()).isFalse();
    }

    @Test
    void readsSubjectOrganizationsAndStaffRole() throws Exception {
        Identity identity =
                IdentityClaims.from(person().claim("organization", Map.of("acme", Map.of(), "globex", Map.of()))
                        .claim("realm_access", Map.of("roles", List.of("platform-admin")))
                        .build());
        assertThat(identity.subject()).isEqualTo("3f1c");
        assertThat(identity.organizations()).containsExactlyInAnyOrder("acme", "globex");
        assertThat(identity.platformAdmin()).isTrue();
    }
}
