package io.tributary.web.tenancy;

import io.tributary.application.tenancy.DomainClaimView;
import io.tributary.application.tenancy.SsoConnectionView;
import io.tributary.application.tenancy.SsoService;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The organization's SSO page: connect the company's OpenID Connect provider. */
@Named
@ViewScoped
public class SsoConnections implements Serializable {

    @Inject
    transient SsoService sso;

    @Inject
    CurrentActor actor;

    private String displayName;
    private String issuerUrl;
    private String clientId;
    private String clientSecret;
    private String emailDomain;
    private List<String> defaultRoles = new ArrayList<>(List.of(Role.CONTRIBUTOR.key()));

    public List<SsoConnectionView> getConnections() {
        return sso.connections(actor.get());
    }

    public List<DomainClaimView> getClaims() {
        return sso.claims(actor.get());
    }

    public void check(DomainClaimView claim) {
        Feedback.attempt(
                () -> sso.checkDns(actor.get(), claim.id()),
                "Verified " + claim.domain() + ": its SSO connection now signs people in.");
    }

    public static List<String> keys(SsoConnectionView connection) {
        return connection.roles();
    }

    public void connect() {
        Feedback.attempt(
                        () -> sso.connect(
                                actor.get(), displayName, issuerUrl, clientId, clientSecret, emailDomain, defaultRoles),
                        null)
                .ifPresent(c -> {
                    Feedback.inform(
                            c.active()
                                    ? "Connected. People with @" + c.emailDomain()
                                            + " addresses now sign in through it."
                                    : "Saved. It signs people in once you prove you hold " + c.emailDomain()
                                            + ": publish the TXT record below, then Check now.");
                    displayName = issuerUrl = clientId = clientSecret = emailDomain = null;
                });
    }

    public void disconnect(SsoConnectionView connection) {
        Feedback.attempt(
                () -> sso.disconnect(actor.get(), connection.id()), "Disconnected " + connection.displayName() + ".");
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getIssuerUrl() {
        return issuerUrl;
    }

    public void setIssuerUrl(String issuerUrl) {
        this.issuerUrl = issuerUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getEmailDomain() {
        return emailDomain;
    }

    public void setEmailDomain(String emailDomain) {
        this.emailDomain = emailDomain;
    }

    public List<String> getDefaultRoles() {
        return defaultRoles;
    }

    public void setDefaultRoles(List<String> defaultRoles) {
        this.defaultRoles = defaultRoles;
    }
}
