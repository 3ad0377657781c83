package io.tributary.web.shell;

import io.tributary.application.tenancy.ApiKeyService;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantView;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.security.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The landing page: what each of the actor's roles can do next, with the organization's key figures for admins. */
@Named
@RequestScoped
public class Dashboard {

    @Inject
    CurrentActor actor;

    @Inject
    MembershipService membership;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    TenantService tenants;

    public List<String> getRoles() {
        return actor.get().roles().stream().map(Role::key).toList();
    }

    public int getMemberCount() {
        return (int) membership.members(actor.get(), PageRequest.FIRST).total();
    }

    public long getActiveApiKeyCount() {
        return apiKeys.list(actor.get()).stream().filter(k -> !k.revoked()).count();
    }

    public List<TenantView> getTenants() {
        return tenants.overview(actor.get());
    }
}
