package io.tributary.web.security;

import io.tributary.application.Actor;
import io.tributary.persistence.tenancy.Role;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may open which pages, by the page's folder: the organization pages are for org admins, the admin console for
 * platform staff acting outside any tenant, DataNets and the wallet for members of a tenant. Applied twice: by
 * {@link Authentication} to the request's decoded, normalised servlet path, and by {@link PageGuard} to the view JSF
 * actually resolved, so no spelling of a URL ({@code ;}, {@code ..}, percent-encoding, case) reaches a page around it.
 */
final class PageAccess {

    private PageAccess() {}

    /** Why this actor may not open the page at this path or view id, if they may not. */
    static Optional<String> refusal(String path, Actor actor) {
        String folder = path.toLowerCase(Locale.ROOT);
        if (folder.startsWith("/organization/") && (actor == null || !actor.has(Role.ORG_ADMIN))) {
            return Optional.of("The organization pages are for org admins.");
        }
        if (folder.startsWith("/factory/") && (actor == null || !actor.has(Role.MODEL_BUILDER))) {
            return Optional.of("The Model Factory is for model builders.");
        }
        if ((folder.startsWith("/datanets/")
                        || folder.startsWith("/rewards/")
                        || folder.startsWith("/receipts/")
                        || folder.startsWith("/disputes/")
                        || folder.startsWith("/dashboards/"))
                && (actor == null || actor.tenantId() == null)) {
            return Optional.of("DataNets are used from within an organization; sign in with a member account.");
        }
        if (isAdminConsole(path) && (actor == null || !actor.isPlatformAdmin() || actor.tenantId() != null)) {
            return Optional.of("The admin console is for platform staff.");
        }
        return Optional.empty();
    }

    static boolean isAdminConsole(String path) {
        return path.toLowerCase(Locale.ROOT).startsWith("/admin/");
    }
}
