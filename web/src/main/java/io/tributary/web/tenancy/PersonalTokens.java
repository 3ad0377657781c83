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

/** A member's own personal access tokens page; a new token's secret is shown once. */
@Named
@ViewScoped
public class PersonalTokens implements Serializable {

    @Inject
    transient ApiKeyService apiKeys;

    @Inject
    CurrentActor actor;

    private String name;
    private List<String> scopes = new ArrayList<>();
    private Integer expiresInDays = 90;
    private String secret;

    public List<ApiKeyView> getTokens() {
        return actor.get().memberId() == null ? List.of() : apiKeys.personal(actor.get());
    }

    /** The roles the member holds now, which are the scopes a token may carry. */
    public List<String> getMyRoles() {
        return actor.get().roles().stream()
                .filter(Role::grantableByTenant)
                .map(Role::key)
                .toList();
    }

    public void issue() {
        secret = null;
        Feedback.attempt(
                        () -> apiKeys.issuePersonal(actor.get(), name, scopes, expiresInDays),
                        "Token issued: copy it now.")
                .ifPresent(issued -> {
                    secret = issued.secret();
                    name = null;
                });
    }

    public void revoke(ApiKeyView key) {
        Feedback.attempt(() -> apiKeys.revokePersonal(actor.get(), key.id()), "Revoked " + key.name() + ".");
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public Integer getExpiresInDays() {
        return expiresInDays;
    }

    public void setExpiresInDays(Integer expiresInDays) {
        this.expiresInDays = expiresInDays;
    }

    public String getSecret() {
        return secret;
    }
}
