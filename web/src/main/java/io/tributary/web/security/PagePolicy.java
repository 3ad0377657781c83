package io.tributary.web.security;

import io.tributary.application.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.net.URI;

/**
 * The Content-Security-Policy of pages, which PrimeFaces sends with a fresh nonce appended to the final
 * {@code script-src} (web.xml's {@code primefaces.CSP_POLICY} reads {@code #{pagePolicy.header}}): scripts only from
 * this site or carrying the nonce, no eval, no plugins, no framing, forms only to this site and to Keycloak (sign-out
 * continues there).
 */
@Named
@ApplicationScoped
public class PagePolicy {

    private final String header = of(Settings.KEYCLOAK_PUBLIC_URL.value());

    public String getHeader() {
        return header;
    }

    static String of(String keycloakPublicUrl) {
        URI keycloak = URI.create(keycloakPublicUrl);
        String keycloakOrigin = keycloak.getScheme() + "://" + keycloak.getRawAuthority();
        return "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:;"
                + " connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none';"
                + " form-action 'self' " + keycloakOrigin + "; script-src 'self'";
    }
}
