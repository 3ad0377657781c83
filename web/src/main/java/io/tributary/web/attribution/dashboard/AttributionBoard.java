package io.tributary.web.attribution.dashboard;

import io.tributary.application.attribution.dashboard.EarningsDashboards;
import io.tributary.application.attribution.dashboard.EarningsDashboards.PlatformDashboard;
import io.tributary.web.security.CurrentActor;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Admin → Attribution: the platform's volume, fee income, attribution latency and backlog, open disputes. */
@Named
@ViewScoped
public class AttributionBoard implements Serializable {

    @Inject
    transient EarningsDashboards dashboards;

    @Inject
    CurrentActor actor;

    private PlatformDashboard figures;

    public PlatformDashboard getFigures() {
        if (figures == null) figures = dashboards.platform(actor.get());
        return figures;
    }
}
