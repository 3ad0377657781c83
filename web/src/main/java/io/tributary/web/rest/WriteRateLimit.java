package io.tributary.web.rest;

import io.tributary.application.Actor;
import io.tributary.application.RateLimits;
import io.tributary.application.tenancy.ApiKeyService;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Limits writes under {@code /api} per API key (by the hash of its secret) and per member (bearer tokens): over the
 * limit a write answers 429 with {@code Retry-After} and changes nothing. Reads are not limited.
 */
@Provider
public class WriteRateLimit implements ContainerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    RateLimits limits;

    @Inject
    CurrentActor actor;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || !actor.isSignedIn()) {
            return;
        }
        if (request.getUriInfo().getPath().startsWith("v1/")
                || request.getUriInfo().getPath().startsWith("/v1/")) {
            // Inference has per-organization limits of its own, answered in OpenAI's envelope (serving's Metering).
            return;
        }
        RateLimits.Limit limit = RateLimits.Limit.configured();
        Optional<Duration> wait = limits.admit(caller(request, actor.get()), limit);
        if (wait.isPresent()) {
            long seconds = wait.get().toSeconds();
            Response problem = Problem.of(
                            429,
                            "Too many writes: at most " + limit.writes() + " every "
                                    + limit.window().toSeconds() + " seconds for this API key or member. Try again in "
                                    + seconds + " seconds.",
                            request.getUriInfo().getRequestUri().getPath())
                    .response();
            request.abortWith(Response.fromResponse(problem)
                    .header("Retry-After", seconds)
                    .build());
        }
    }

    /** Who the window belongs to: the API key presented, else the member, else the staff account. */
    static String caller(ContainerRequestContext request, Actor actor) {
        String key = request.getHeaderString("X-Api-Key");
        String header = request.getHeaderString("Authorization");
        if (key == null && header != null && header.startsWith("Bearer " + ApiKeyService.PREFIX)) {
            key = header.substring("Bearer ".length());
        }
        if (key != null) {
            return "key:" + sha256(key.strip()).substring(0, 40);
        }
        if (actor.memberId() != null) {
            return "member:" + actor.memberId();
        }
        return "staff:" + sha256(String.valueOf(actor.name())).substring(0, 40);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
