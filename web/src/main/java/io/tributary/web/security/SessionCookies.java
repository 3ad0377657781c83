package io.tributary.web.security;

import io.tributary.application.Settings;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie never leaves on cross-site requests other than top-level navigation (SameSite=Lax: a forged form
 * on another site posts without it), never reaches scripts, and over https never travels in clear.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(Settings.HTTP_SECURE.enabled());
        cookie.setAttribute("SameSite", "Lax");
    }
}
