package io.tributary.web.admin;

import io.tributary.application.tenancy.SsoService;
import io.tributary.application.tenancy.TenantService;
import io.tributary.persistence.tenancy.DomainClaim;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** The admin console's domain claims page: approve or reject the claims tenants could not prove by DNS. */
@Named
@ViewScoped
public class DomainClaims implements Serializable {

    @Inject
    transient SsoService sso;

    @Inject
    transient TenantService tenants;

    @Inject
    CurrentActor actor;

    public List<DomainClaim> getPending() {
        return sso.pendingClaims(actor.get());
    }

    public String tenantName(UUID tenantId) {
        return tenants.find(tenantId).map(Tenant::getName).orElse("?");
    }

    public void approve(DomainClaim claim) {
        Feedback.attempt(
                () -> sso.approve(actor.get(), claim.getId()),
                "Approved " + claim.getDomain() + " for " + tenantName(claim.getTenantId()) + ".");
    }

    public void reject(DomainClaim claim) {
        Feedback.attempt(
                () -> sso.reject(actor.get(), claim.getId()), "Rejected the claim to " + claim.getDomain() + ".");
    }
}
