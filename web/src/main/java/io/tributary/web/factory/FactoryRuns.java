package io.tributary.web.factory;

import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryViews.LimitsView;
import io.tributary.application.factory.FactoryViews.RunView;
import io.tributary.application.factory.FactoryViews.VersionView;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The Model Factory's front page: the organization's runs, its limits, and its published models. */
@Named
@ViewScoped
public class FactoryRuns implements Serializable {

    @Inject
    transient FactoryService factory;

    @Inject
    CurrentActor actor;

    private final PagedTable<RunView> runs = new PagedTable<>() {
        @Override
        protected Page<RunView> page(PageRequest request) {
            return factory.runs(actor.get(), request);
        }

        @Override
        protected Object key(RunView row) {
            return row.id();
        }
    };

    private final PagedTable<VersionView> models = new PagedTable<>() {
        @Override
        protected Page<VersionView> page(PageRequest request) {
            return factory.versions(actor.get(), request);
        }

        @Override
        protected Object key(VersionView row) {
            return row.id();
        }
    };

    public PagedTable<RunView> getRuns() {
        return runs;
    }

    public PagedTable<VersionView> getModels() {
        return models;
    }

    public LimitsView getLimits() {
        return factory.myLimits(actor.get());
    }
}
