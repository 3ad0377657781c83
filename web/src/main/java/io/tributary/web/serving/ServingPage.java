package io.tributary.web.serving;

import io.tributary.application.serving.AdapterManagement;
import io.tributary.application.serving.AdapterManagement.Action;
import io.tributary.application.serving.AdapterManagement.Overview;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Serving: what this node holds for serving (queue depth, each base's adapter cache with its cold loads, the
 * resident adapters the viewer may see) and loading, unloading, pinning and unpinning a model's adapter.
 */
@Named
@ViewScoped
public class ServingPage implements Serializable {

    @Inject
    transient AdapterManagement adapters;

    @Inject
    CurrentActor actor;

    private transient Overview overview;
    private String model;

    public Overview getOverview() {
        if (overview == null) {
            overview = adapters.overview(actor.get());
        }
        return overview;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public void load() {
        act(model, Action.LOAD, "loaded");
    }

    public void pin() {
        act(model, Action.PIN, "pinned");
    }

    /** Unpins the row's adapter; the row names it in the request, so a table reordered meanwhile cannot mislead. */
    public void unpinRow() {
        act(rowModel(), Action.UNPIN, "unpinned");
    }

    public void pinRow() {
        act(rowModel(), Action.PIN, "pinned");
    }

    public void unloadRow() {
        act(rowModel(), Action.UNLOAD, "unloaded");
    }

    private static String rowModel() {
        return FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get("model");
    }

    private void act(String id, Action action, String done) {
        Feedback.attempt(() -> adapters.apply(actor.get(), id, action), "The adapter of " + id + " is " + done + ".");
        overview = null;
    }
}
