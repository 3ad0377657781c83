package io.tributary.web.factory;

import io.tributary.application.factory.BaseCatalogue;
import io.tributary.application.factory.FactoryViews.BaseView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import org.primefaces.event.FileUploadEvent;

/** Organization → Base models: the bases the organization may fine-tune, and importing its own private ones. */
@Named
@ViewScoped
public class OrganizationBases implements Serializable {

    @Inject
    transient BaseCatalogue catalogue;

    @Inject
    CurrentActor actor;

    private final BaseUpload upload = new BaseUpload();
    private String name;
    private String licence;
    private List<BaseView> bases;

    public List<BaseView> getBases() {
        if (bases == null) bases = catalogue.ofMyOrganization(actor.get());
        return bases;
    }

    public void received(FileUploadEvent event) {
        upload.received(event);
        Feedback.inform("Received " + upload.fileName() + ". Name it, state its licence, then import it.");
    }

    public void importBase() throws IOException {
        try (InputStream zip = upload.open()) {
            Feedback.attempt(() -> catalogue.importPrivate(actor.get(), name, licence, zip), null)
                    .ifPresent(b -> {
                        Feedback.inform("Imported " + b.name() + ": only your organization sees it.");
                        upload.discard();
                        name = null;
                        licence = null;
                    });
        }
        bases = null;
    }

    public void retire(BaseView base) {
        Feedback.attempt(
                () -> catalogue.retire(actor.get(), base.id()),
                "Retired " + base.name() + ": no new runs on it; runs and versions that used it keep it.");
        bases = null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getLicence() {
        return licence;
    }

    public void setLicence(String licence) {
        this.licence = licence;
    }
}
