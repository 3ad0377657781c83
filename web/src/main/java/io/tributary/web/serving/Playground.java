package io.tributary.web.serving;

import io.tributary.application.serving.ModelCatalogue;
import io.tributary.application.serving.ServingViews.ModelView;
import io.tributary.web.security.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Serving → Playground: the models the viewer may chat with (their organization's, public ones, the bases). */
@Named
@RequestScoped
public class Playground {

    @Inject
    ModelCatalogue catalogue;

    @Inject
    CurrentActor actor;

    private List<ModelView> models;

    public List<ModelView> getModels() {
        if (models == null) {
            models = catalogue.models(actor.get());
        }
        return models;
    }
}
