package io.tributary.web.admin;

import io.tributary.application.tenancy.DomainClaimView;
import io.tributary.application.tenancy.SsoService;
import io.tributary.application.tenancy.TenantService;
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

    public List<DomainClaimView> getPending() {
        return sso.pendingClaims(actor.get());
    }

    public String tenantName(UUID tenantId) {
        return tenants.nameOf(tenantId).orElse("?");
    }

    public void approve(DomainClaimView claim) {
        Feedback.attempt(
                () -> sso.approve(actor.get(), claim.id()),
                "Approved " + claim.domain() + " for " + tenantName(claim.tenantId()) + ".");
    }

    public void reject(DomainClaimView claim) {
        Feedback.attempt(() -> sso.reject(actor.get(), claim.id()), "Rejected the claim to " + claim.domain() + ".");
    }
}
