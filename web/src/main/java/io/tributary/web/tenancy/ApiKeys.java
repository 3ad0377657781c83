package io.tributary.web.tenancy;

import io.tributary.application.tenancy.ApiKeyService;
import io.tributary.application.tenancy.ApiKeyView;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The organization's API keys page; a new key's secret is shown once. */
@Named
@ViewScoped
public class ApiKeys implements Serializable {

    @Inject
    transient ApiKeyService apiKeys;

    @Inject
    CurrentActor actor;

    private String name;
    private List<String> roles = new ArrayList<>(List.of(Role.CONTRIBUTOR.key()));
    private String secret;

    public List<ApiKeyView> getKeys() {
        return apiKeys.list(actor.get());
    }

    public static List<String> keys(ApiKeyView key) {
        return key.roles();
    }

    public void issue() {
        secret = null;
        Feedback.attempt(() -> apiKeys.issue(actor.get(), name, roles), "Key issued: copy its secret now.")
                .ifPresent(issued -> {
                    secret = issued.secret();
                    name = null;
                });
    }

    public void revoke(ApiKeyView key) {
        Feedback.attempt(() -> apiKeys.revoke(actor.get(), key.id()), "Revoked " + key.name() + ".");
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public String getSecret() {
        return secret;
    }
}
