package io.tributary.web.tenancy;

import io.tributary.application.tenancy.InvitationPreview;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The page an invitation link opens: the invited person accepts, choosing a password when they have no account. */
@Named
@ViewScoped
public class InvitationAcceptance implements Serializable {

    @Inject
    transient MembershipService membership;

    private String token;
    private InvitationPreview preview;
    private String displayName;
    private String password;
    private String passwordAgain;
    private boolean accepted;

    public void load() {
        if (preview == null && !accepted) {
            preview = Feedback.attempt(() -> membership.preview(token), null).orElse(null);
        }
    }

    public void accept() {
        Feedback.attempt(() -> membership.accept(token, displayName, password, passwordAgain), null)
                .ifPresent(p -> {
                    preview = p;
                    accepted = true;
                    password = passwordAgain = null;
                });
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public InvitationPreview getPreview() {
        return preview;
    }

    public boolean isAccepted() {
        return accepted;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getPasswordAgain() {
        return passwordAgain;
    }

    public void setPasswordAgain(String passwordAgain) {
        this.passwordAgain = passwordAgain;
    }
}
