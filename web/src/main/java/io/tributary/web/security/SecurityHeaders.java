package io.tributary.web.security;

import io.tributary.application.Settings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers that keep every answer out of frames, MIME sniffing and foreign referrers, and (over https) pin the browser
 * to https. Pages get their script policy with a per-request nonce from PrimeFaces ({@code primefaces.CSP} in
 * web.xml); everything else, such as the API's JSON and downloads, may run no script at all.
 */
@WebFilter(urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {

    /** The policy of answers that are not pages: nothing may load or run, nobody may frame them. */
    static final String NON_PAGE_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        String hsts = strictTransportSecurity(Settings.HTTP_SECURE.enabled(), Settings.HSTS_MAX_AGE.value());
        if (hsts != null) {
            response.setHeader("Strict-Transport-Security", hsts);
        }
        if (request.getServletPath().equals("/api")) {
            response.setHeader("Content-Security-Policy", NON_PAGE_POLICY);
        }
        chain.doFilter(request, response);
    }

    /** The HSTS header for a site served over https, or none (plain http, as in the dev stack, or max-age 0). */
    static String strictTransportSecurity(boolean https, String maxAge) {
        long seconds;
        try {
            seconds = Long.parseLong(maxAge.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(Settings.HSTS_MAX_AGE.property() + " must be a number of seconds", e);
        }
        return https && seconds > 0 ? "max-age=" + seconds + "; includeSubDomains" : null;
    }
}
