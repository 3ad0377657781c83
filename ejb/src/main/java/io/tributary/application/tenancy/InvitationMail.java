package io.tributary.application.tenancy;

import io.tributary.application.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Sends an invitation's one-time link to the invited address through WildFly's mail session {@code
 * java:jboss/mail/Tributary} (SMTP host and port from configure.cli). In the demo the link is also logged, so a local
 * run needs no mailbox.
 */
@ApplicationScoped
public class InvitationMail {

    private static final Logger LOG = Logger.getLogger(InvitationMail.class.getName());

    /** The accept page, relative to {@link Settings#PUBLIC_URL}. */
    public static final String ACCEPT_PATH = "/invitation/accept.xhtml?token=";

    @Resource(lookup = "java:jboss/mail/Tributary")
    Session session;

    public void send(String email, String organizationName, String invitedBy, String token, Instant expiresAt) {
        String link = Settings.PUBLIC_URL.value().replaceAll("/+$", "")
                + ACCEPT_PATH
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String text = """
                %s invites you to join %s on Tributary.

                Accept the invitation here (the link works once, until %s):
                %s

                If you did not expect this, ignore this e-mail: nothing happens unless you open the link.
                """.formatted(invitedBy, organizationName, expiresAt, link);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(Settings.MAIL_FROM.value()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(email));
            message.setSubject("Your invitation to " + organizationName + " on Tributary", "UTF-8");
            message.setText(text, "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailUnavailable("The invitation e-mail could not be sent; try again later.", e);
        }
        if (Settings.DEMO.enabled()) {
            LOG.info("Demo: invitation for " + email + " to " + organizationName + ": " + link);
        }
    }

    /** The mail server could not take the message; the invitation is rolled back. */
    public static class MailUnavailable extends io.tributary.application.Conflict {
        MailUnavailable(String message, Throwable cause) {
            super(message);
            initCause(cause);
        }
    }
}
