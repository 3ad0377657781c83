package io.tributary.web.shell;

import io.tributary.application.Pages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * Links between pages for the views, {@code #{links.dataNet(d.id())}}: the paths come from {@link Pages}, the one
 * place that also builds the links notifications carry; this adds the application's context path.
 */
@Named
@ApplicationScoped
public class Links {

    public String dataNets() {
        return absolute(Pages.dataNets());
    }

    public String dataNet(UUID dataNetId) {
        return absolute(Pages.dataNet(dataNetId));
    }

    public String reviewQueue(UUID dataNetId) {
        return absolute(Pages.reviewQueue(dataNetId));
    }

    public String myContributions() {
        return absolute(Pages.myContributions());
    }

    /** A path from {@link Pages} (or a notification's stored link) under this application's context path. */
    public String absolute(String path) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String context = faces == null ? "" : faces.getExternalContext().getRequestContextPath();
        return context + path;
    }
}
