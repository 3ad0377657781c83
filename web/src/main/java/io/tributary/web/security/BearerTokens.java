package io.tributary.web.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tributary.application.Settings;
import io.tributary.application.Unauthenticated;
import io.tributary.application.tenancy.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies OIDC access tokens that machine clients send as bearer tokens: Keycloak's signature, issuer and expiry, that
 * it is an access token ({@code typ} Bearer, not an ID or refresh token), issued to one of Tributary's clients ({@code
 * azp} in {@link Settings#KEYCLOAK_TOKEN_CLIENTS}) for Tributary ({@code aud} naming the web client).
 */
@ApplicationScoped
public class BearerTokens {

    /** The audience Keycloak's audience mapper puts into Tributary's access tokens (the web client's id). */
    static final String AUDIENCE = "tributary-web";

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
            Set<String> clients = Arrays.stream(
                            Settings.KEYCLOAK_TOKEN_CLIENTS.value().split(","))
                    .map(String::strip)
                    .filter(c -> !c.isEmpty())
                    .collect(Collectors.toSet());
            p.setJWTClaimsSetVerifier(
                    new DefaultJWTClaimsVerifier<>(
                            AUDIENCE,
                            new JWTClaimsSet.Builder()
                                    .issuer(Settings.KEYCLOAK_PUBLIC_URL.value() + realm)
                                    .claim("typ", "Bearer")
                                    .build(),
                            Set.of("sub", "exp", "azp")) {
                        @Override
                        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
                            super.verify(claims, context);
                            Object azp = claims.getClaim("azp");
                            if (!(azp instanceof String client) || !clients.contains(client)) {
                                throw new BadJWTException("Token issued to another client");
                            }
                        }
                    });
            processor = p;
        }
        return processor;
    }
}
