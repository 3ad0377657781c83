package io.tributary.web.security;

import io.tributary.application.Settings;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Ends the Tributary session and the Keycloak session behind it, then comes back to the start page. Only a POST signs
 * out (the shell's button; the session cookie is SameSite=Lax, so other sites cannot send one): a link or an image on
 * another page cannot.
 */
@WebServlet("/logout")
public class SignOut extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        response.setContentType("text/html;charset=UTF-8");
        // A page of its own rather than the container's error page: a person who followed a link reads what to do.
        response.getWriter()
                .write("<!DOCTYPE html><html lang=\"en\"><head><title>Tributary · Sign out</title></head><body><main>"
                        + "<h1>Sign out</h1><p>Sign out with the button at the top of any page.</p>"
                        + "<p><a href=\"" + request.getContextPath()
                        + "/\">Back to Tributary</a></p></main></body></html>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        request.logout();
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String back = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath() + "/";
        response.sendRedirect(Settings.KEYCLOAK_PUBLIC_URL.value() + "/realms/" + Settings.KEYCLOAK_REALM.value()
                + "/protocol/openid-connect/logout?client_id=tributary-web&post_logout_redirect_uri="
                + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }
}
