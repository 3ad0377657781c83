package io.tributary.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void httpsSitesPinBrowsersToHttpsPlainHttpAndZeroDoNot() {
        assertThat(SecurityHeaders.strictTransportSecurity(true, "31536000"))
                .isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(SecurityHeaders.strictTransportSecurity(false, "31536000")).isNull();
        assertThat(SecurityHeaders.strictTransportSecurity(true, "0")).isNull();
        assertThatThrownBy(() -> SecurityHeaders.strictTransportSecurity(true, "a year"))
                .hasMessageContaining("tributary.hsts.max-age");
    }

    @Test
    void pagesRunOnlyTheirOwnOrNoncedScriptsAndFormsGoOnlyHomeOrToKeycloak() {
        String policy = PagePolicy.of("https://id.example.com:8443/");
        assertThat(policy)
                .endsWith("script-src 'self'")
                .contains("form-action 'self' https://id.example.com:8443;", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(policy.substring(policy.indexOf("script-src"))).doesNotContain("unsafe-inline");
    }
}
