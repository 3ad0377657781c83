package io.tributary.web.factory;

import io.tributary.application.factory.BaseCatalogue;
import io.tributary.application.factory.BaseCatalogue.OrganizationLimits;
import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryViews.BaseView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.primefaces.event.FileUploadEvent;

/** Admin → Model Factory: the bases offered to everyone (register, retire) and each organization's training limits. */
@Named
@ViewScoped
public class FactoryStaff implements Serializable {

    @Inject
    transient BaseCatalogue catalogue;

    @Inject
    transient FactoryService factory;

    @Inject
    CurrentActor actor;

    private final BaseUpload upload = new BaseUpload();
    private String name;
    private String licence;
    private List<BaseView> bases;
    private List<OrganizationLimits> limits;
    private final Map<UUID, Integer> runs = new HashMap<>();
    private final Map<UUID, Long> tokens = new HashMap<>();
    private Map<UUID, String> organizations;

    public List<BaseView> getBases() {
        if (bases == null) bases = catalogue.all(actor.get());
        return bases;
    }

    public List<OrganizationLimits> getLimits() {
        if (limits == null) {
            limits = catalogue.limits(actor.get());
            organizations = new HashMap<>();
            for (OrganizationLimits l : limits) {
                runs.put(l.limits().tenantId(), l.limits().maxConcurrentRuns());
                tokens.put(l.limits().tenantId(), l.limits().monthlyTokenQuota());
                organizations.put(l.limits().tenantId(), l.organization());
            }
        }
        return limits;
    }

    /** Whose base it is: everyone's, or the importing organization's name. */
    public String owner(BaseView b) {
        if (b.shared()) return "Everyone";
        getLimits();
        return organizations.getOrDefault(b.ownerTenantId(), "An organization");
    }

    public void received(FileUploadEvent event) {
        upload.received(event);
        Feedback.inform("Received " + upload.fileName() + ". Name it, state its licence, then register it.");
    }

    public void register() throws IOException {
        try (InputStream zip = upload.open()) {
            Feedback.attempt(() -> catalogue.registerShared(actor.get(), name, licence, zip), null)
                    .ifPresent(b -> {
                        Feedback.inform("Registered " + b.name() + " for every organization.");
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

    public void saveLimits(UUID tenantId) {
        Integer r = runs.get(tenantId);
        Long t = tokens.get(tenantId);
        Feedback.attempt(
                () -> factory.setLimits(actor.get(), tenantId, r == null ? -1 : r, t == null ? -1 : t),
                "Limits saved for " + organizations.get(tenantId) + ".");
        limits = null;
    }

    public Map<UUID, Integer> getRuns() {
        return runs;
    }

    public Map<UUID, Long> getTokens() {
        return tokens;
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
