package io.tributary.web.shell;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time zone the viewer reads times in: the browser's, which {@code shell.js} writes to the {@value #COOKIE} cookie
 * on every page, or UTC before the browser has told us (the first page of a session) and when it names no zone we
 * know. A member's own choice in their profile, once there is one, would take precedence here.
 */
@RequestScoped
public class ViewerZone {

    /** The cookie the browser's zone travels in; it is not a secret and only ever parsed as a zone id. */
    public static final String COOKIE = "tributary-tz";

    @Inject
    HttpServletRequest request;

    private ZoneId zone;

    public ZoneId get() {
        if (zone == null) {
            zone = fromCookies(request.getCookies());
        }
        return zone;
    }

    static ZoneId fromCookies(Cookie[] cookies) {
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return parse(cookie.getValue());
                }
            }
        }
        return ZoneOffset.UTC;
    }

    /** A region id such as {@code Europe/Berlin} (cookies encode the slash), else UTC. */
    static ZoneId parse(String value) {
        if (value == null || value.length() > 64) {
            return ZoneOffset.UTC;
        }
        String id = value.replace("%2F", "/").replace("%2f", "/");
        if (!id.matches("[A-Za-z0-9_+\\-/]+")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
