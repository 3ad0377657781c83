package io.tributary.web.tenancy;

import io.tributary.application.tenancy.MemberView;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** A member's own profile: the e-mail their organization knows them by, and the public name everyone else sees. */
@Named
@ViewScoped
public class Profile implements Serializable {

    @Inject
    transient MembershipService membership;

    @Inject
    CurrentActor actor;

    private String email;
    private String publicName;

    @PostConstruct
    void load() {
        MemberView self = membership.self(actor.get());
        email = self.email();
        publicName = self.publicName();
    }

    public void save() {
        Feedback.attempt(
                        () -> membership.choosePublicName(actor.get(), publicName),
                        "Other organizations now see you as " + (publicName == null ? "" : publicName.strip()) + ".")
                .ifPresent(m -> publicName = m.publicName());
    }

    public String getEmail() {
        return email;
    }

    public String getPublicName() {
        return publicName;
    }

    public void setPublicName(String publicName) {
        this.publicName = publicName;
    }
}
