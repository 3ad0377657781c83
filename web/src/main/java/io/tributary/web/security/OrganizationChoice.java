package io.tributary.web.security;

import io.tributary.application.AccessDenied;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.application.tenancy.TenantView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.wildfly.security.http.oidc.OidcPrincipal;

/**
 * The organization picker: someone who belongs to several organizations chooses, after sign-in, the one they act in
 * for this session (sign out to switch).
 */
@Named
@RequestScoped
public class OrganizationChoice {

    @Inject
    MembershipService membership;

    public List<TenantView> getOrganizations() {
        HttpServletRequest request = (HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest();
        if (!(request.getUserPrincipal() instanceof OidcPrincipal<?> oidc)) {
            throw new AccessDenied("Please sign in.");
        }
        return membership.organizationChoices(Authentication.identityOf(oidc));
    }

    public void choose(String alias) throws IOException {
        boolean known = getOrganizations().stream().anyMatch(t -> t.alias().equals(alias));
        if (!known) {
            throw new AccessDenied("You are not a member of '" + alias + "'.");
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.getSessionMap().put(Authentication.CHOSEN_ORGANIZATION, alias);
        external.redirect(external.getRequestContextPath() + "/");
    }
}
