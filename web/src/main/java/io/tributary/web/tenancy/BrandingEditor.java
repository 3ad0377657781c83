package io.tributary.web.tenancy;

import io.tributary.application.tenancy.BrandingView;
import io.tributary.application.tenancy.TenantService;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Base64;
import org.primefaces.event.FileUploadEvent;

/** The organization's branding page: name, logo, primary colour, light or dark. */
@Named
@ViewScoped
public class BrandingEditor implements Serializable {

    @Inject
    transient TenantService tenants;

    @Inject
    CurrentActor actor;

    private String displayName;
    private String logo;
    private String primaryColour;
    private String mode;

    @PostConstruct
    void load() {
        BrandingView b = tenants.branding(actor.get());
        displayName = b.displayName();
        logo = b.logo();
        primaryColour = b.primaryColour().replace("#", "");
        mode = b.mode();
    }

    /** Keeps the uploaded logo as a data: URI; the service checks its type and size. */
    public void upload(FileUploadEvent event) {
        var file = event.getFile();
        logo = "data:" + file.getContentType() + ";base64,"
                + Base64.getEncoder().encodeToString(file.getContent());
    }

    public void removeLogo() {
        logo = null;
    }

    public String save() {
        String colour = primaryColour == null || primaryColour.startsWith("#") ? primaryColour : "#" + primaryColour;
        return Feedback.attempt(() -> tenants.rebrand(actor.get(), displayName, logo, colour, mode), "Branding saved.")
                .map(t -> "/organization/branding.xhtml?faces-redirect=true")
                .orElse(null);
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getLogo() {
        return logo;
    }

    public String getPrimaryColour() {
        return primaryColour;
    }

    public void setPrimaryColour(String primaryColour) {
        this.primaryColour = primaryColour;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }
}
