package io.tributary.web.security;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.persistence.tenancy.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The actor of the current request, as established by {@link Authentication}; views read it as {@code #{actor}}. */
@Named("actor")
@RequestScoped
public class CurrentActor {

    private Actor actor;

    void set(Actor actor) {
        this.actor = actor;
    }

    public Actor get() {
        if (actor == null) {
            throw new AccessDenied("Please sign in.");
        }
        return actor;
    }

    public boolean isSignedIn() {
        return actor != null;
    }

    public String getName() {
        return actor == null ? "" : actor.name();
    }

    /** For views: {@code #{actor.has('org-admin')}}. */
    public boolean has(String roleKey) {
        return actor != null && Role.ofKey(roleKey).map(actor::has).orElse(false);
    }

    public boolean isInTenant() {
        return actor != null && actor.tenantId() != null;
    }
}
