package io.tributary.web.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tributary.application.Settings;
import io.tributary.application.Unauthenticated;
import io.tributary.application.tenancy.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Set;

/** Verifies OIDC access tokens that machine clients send as bearer tokens: Keycloak's signature, issuer and expiry. */
@ApplicationScoped
public class BearerTokens {

    private volatile DefaultJWTProcessor<SecurityContext> processor;

    public Identity verify(String token) {
        try {
            return IdentityClaims.from(processor().process(token, null));
        } catch (Exception e) {
            throw new Unauthenticated("The bearer token is not a valid, unexpired token of this platform.");
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws MalformedURLException {
        if (processor == null) {
            String realm = "/realms/" + Settings.KEYCLOAK_REALM.value();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(
                            URI.create(Settings.KEYCLOAK_URL.value() + realm + "/protocol/openid-connect/certs")
                                    .toURL())
                    .build();
            DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder()
                            .issuer(Settings.KEYCLOAK_PUBLIC_URL.value() + realm)
                            .build(),
                    Set.of("sub", "exp")));
            processor = p;
        }
        return processor;
    }
}
