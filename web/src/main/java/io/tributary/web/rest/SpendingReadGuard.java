package io.tributary.web.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a {@link SpendingRead} made with the browser's session cookie unless the browser says the request comes from
 * Tributary's own pages ({@code Sec-Fetch-Site: same-origin}, Fetch Metadata). The session cookie is SameSite=Lax, so a
 * link or redirect on another site would otherwise spend the signed-in member's credits on the attacker's model. API
 * keys and bearer tokens are not sent by browsers on their own, so they pass.
 */
@Provider
@SpendingRead
public class SpendingReadGuard implements ContainerRequestFilter {

    static final String FETCH_SITE = "Sec-Fetch-Site";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getHeaderString("Authorization") != null || request.getHeaderString("X-Api-Key") != null) {
            return;
        }
        String site = request.getHeaderString(FETCH_SITE);
        if (!"same-origin".equals(site)) {
            request.abortWith(Problem.of(
                            403,
                            "This stream spends your organization's credits or compute, so your browser may open it"
                                    + " from Tributary's own pages only"
                                    + (site == null
                                            ? " (it did not say where the request came from: use a current browser)."
                                            : " (it came from " + site + ")."),
                            request.getUriInfo().getRequestUri().getPath())
                    .response());
        }
    }
}
