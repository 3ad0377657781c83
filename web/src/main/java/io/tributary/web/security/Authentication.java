package io.tributary.web.security;

import com.nimbusds.jwt.SignedJWT;
import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Unauthenticated;
import io.tributary.application.tenancy.ApiKeyService;
import io.tributary.application.tenancy.ChooseOrganization;
import io.tributary.application.tenancy.Identity;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.rest.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import org.wildfly.security.http.oidc.OidcPrincipal;

/**
 * Establishes the actor of every request and binds the thread to its tenant: API keys and bearer tokens on
 * {@code /api}, the OIDC session everywhere else. The admin console runs in the platform context, for staff only.
 *
 * <p>{@code Authorization: Bearer trb_…} (a personal access token or service key) reaches this filter as {@code
 * X-Api-Key}: {@code WEB-INF/undertow-handlers.conf} moves it there before WildFly's OIDC mechanism, which would
 * otherwise try to verify it as a JWT against Keycloak (and answer 500 while Keycloak is down).
 */
@WebFilter(urlPatterns = "/*")
public class Authentication extends HttpFilter {

    private static final String API = "/api/";

    /** The OpenAI-compatible API ({@code /v1}, rewritten to here by {@code WEB-INF/undertow-handlers.conf}). */
    private static final String OPENAI_API = "/api/v1/";

    /** The page where someone who belongs to several organizations chooses one. */
    static final String CHOOSE_ORGANIZATION = "/choose-organization.xhtml";

    /** Session attribute: the alias chosen there. */
    static final String CHOSEN_ORGANIZATION = Authentication.class.getName() + ".organization";

    /** API callers in several organizations name the one they act in. */
    static final String ORGANIZATION_HEADER = "X-Tributary-Organization";

    @Inject
    CurrentActor current;

    @Inject
    MembershipService membership;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    BearerTokens bearerTokens;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The decoded, normalised path the container routes by (no ";" parameters, no "..", no %-escapes), never the
        // raw URI: a page is checked under the name it is served by.
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        Optional<Actor> actor;
        try {
            actor = path.startsWith(API) ? apiCaller(request, path) : browserUser(request, path);
        } catch (ChooseOrganization choose) {
            if (path.startsWith(API)) {
                refuse(request, response, path, choose);
            } else {
                response.sendRedirect(request.getContextPath() + CHOOSE_ORGANIZATION);
            }
            return;
        } catch (AccessDenied denied) {
            refuse(request, response, path, denied);
            return;
        }
        try {
            actor.ifPresent(a -> {
                current.set(a);
                TenantContext.set(a.tenantId() == null ? TenantContext.PLATFORM : a.tenantId());
            });
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
        }
    }

    private Optional<Actor> apiCaller(HttpServletRequest request, String path) {
        // The OpenAPI document (/openapi, /api/openapi.yaml) is served by WildFly before any request reaches this
        // filter.
        if (path.equals("/api/health") || path.equals("/api/invitation-acceptances")) {
            return Optional.empty();
        }
        String header = request.getHeader("Authorization");
        String apiKey = request.getHeader("X-Api-Key");
        if (apiKey == null && header != null && header.startsWith("Bearer " + ApiKeyService.PREFIX)) {
            apiKey = header.substring("Bearer ".length()).strip();
        }
        if (apiKey != null) {
            return Optional.of(apiKeys.authenticate(apiKey.strip()));
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Actor actor = membership.signIn(
                    bearerTokens.verify(header.substring(7).strip()), request.getHeader(ORGANIZATION_HEADER));
            return Optional.of(path.startsWith("/api/admin/") ? staff(actor) : actor);
        }
        // Pages link to downloads under /api (exports, proofs): a signed-in browser may read, never write, with its
        // session, so a forged cross-site form cannot change anything.
        HttpSession session = request.getSession(false);
        if ("GET".equals(request.getMethod())
                && session != null
                && session.getAttribute(SignedInMember.ATTRIBUTE) instanceof SignedInMember remembered) {
            return Optional.of(remembered(session, remembered));
        }
        throw new Unauthenticated("Send an API key (Authorization: Bearer trb_...) or an OIDC bearer token.");
    }

    private Optional<Actor> browserUser(HttpServletRequest request, String path) {
        Principal principal = request.getUserPrincipal();
        if (!(principal instanceof OidcPrincipal<?> oidc)) {
            return Optional.empty();
        }
        HttpSession session = request.getSession();
        SignedInMember remembered = (SignedInMember) session.getAttribute(SignedInMember.ATTRIBUTE);
        Actor actor;
        if (remembered == null) {
            Identity identity = identityOf(oidc);
            try {
                actor = membership.signIn(identity, (String) session.getAttribute(CHOSEN_ORGANIZATION));
            } catch (ChooseOrganization choose) {
                if (path.equals(CHOOSE_ORGANIZATION)) {
                    return Optional.empty();
                }
                throw choose;
            }
            session.setAttribute(SignedInMember.ATTRIBUTE, SignedInMember.of(actor, identity.platformAdmin()));
        } else {
            actor = remembered(session, remembered);
        }
        Actor acting = PageAccess.isAdminConsole(path) ? staff(actor) : actor;
        PageAccess.refusal(path, acting).ifPresent(why -> {
            throw new AccessDenied(why);
        });
        return Optional.of(acting);
    }

    /** The actor a session signed in as earlier, re-read so that role changes and suspensions apply at once. */
    private Actor remembered(HttpSession session, SignedInMember remembered) {
        if (remembered.tenantId() == null) {
            return new Actor(null, null, remembered.email(), EnumSet.of(Role.PLATFORM_ADMIN));
        }
        return TenantContext.as(
                        remembered.tenantId(),
                        () -> membership.refresh(remembered.memberId(), remembered.platformAdmin()))
                .orElseThrow(() -> {
                    session.invalidate();
                    return new AccessDenied(
                            "Your organization was suspended or your membership ended; you have been signed out.");
                });
    }

    /** Staff in the admin console act outside any tenant. */
    private static Actor staff(Actor actor) {
        if (!actor.isPlatformAdmin()) {
            throw new AccessDenied("The admin console is for platform staff.");
        }
        return new Actor(null, null, actor.name(), EnumSet.of(Role.PLATFORM_ADMIN));
    }

    /** The identity of a signed-in browser, read from its OIDC token. */
    static Identity identityOf(OidcPrincipal<?> principal) {
        try {
            return IdentityClaims.from(
                    SignedJWT.parse(principal.getOidcSecurityContext().getTokenString())
                            .getJWTClaimsSet());
        } catch (java.text.ParseException e) {
            throw new AccessDenied("The sign-in token could not be read.");
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String path, AccessDenied why)
            throws IOException, ServletException {
        int status = why instanceof Unauthenticated ? 401 : 403;
        if (path.startsWith(OPENAI_API)) {
            // The OpenAI-compatible API answers in OpenAI's error envelope, which its clients read.
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write(jakarta.json.Json.createObjectBuilder()
                            .add(
                                    "error",
                                    jakarta.json.Json.createObjectBuilder()
                                            .add("message", why.getMessage())
                                            .add("type", status == 401 ? "invalid_request_error" : "permission_error")
                                            .addNull("param")
                                            .add("code", status == 401 ? "invalid_api_key" : "permission_denied"))
                            .build()
                            .toString());
        } else if (path.startsWith(API)) {
            if (status == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"tributary\"");
            }
            Problem.write(response, Problem.of(status, why.getMessage(), path));
        } else {
            request.setAttribute("refusal", why.getMessage());
            response.setStatus(status);
            request.getRequestDispatcher("/error/refused.xhtml").forward(request, response);
        }
    }
}
