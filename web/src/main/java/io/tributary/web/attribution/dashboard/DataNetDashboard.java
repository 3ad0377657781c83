package io.tributary.web.attribution.dashboard;

import io.tributary.application.attribution.dashboard.EarningsDashboards;
import io.tributary.application.attribution.dashboard.EarningsDashboards.DataNetOwnerDashboard;
import io.tributary.application.attribution.dashboard.EarningsDashboards.OwnedDataNet;
import io.tributary.persistence.attribution.dashboard.EarningsFigures.DailyAmount;
import io.tributary.persistence.attribution.dashboard.EarningsFigures.DataNetDay;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The DataNet owner's dashboard page: which models use the DataNet's releases and what its contributors and
 * validators were paid through them; without an id, the DataNets the viewer owns.
 */
@Named
@ViewScoped
public class DataNetDashboard implements Serializable {

    @Inject
    transient EarningsDashboards dashboards;

    @Inject
    CurrentActor actor;

    private String id;
    private DataNetOwnerDashboard dashboard;
    private List<OwnedDataNet> owned;

    public void load() throws java.io.IOException {
        if (id == null || id.isBlank()) return;
        try {
            Feedback.load(id, dataNetId -> dashboards.dataNetOwner(actor.get(), dataNetId))
                    .ifPresent(d -> dashboard = d);
        } catch (io.tributary.application.AccessDenied e) {
            // A member of the owning organization who does not own the DataNet: refused, as the API does.
            var faces = jakarta.faces.context.FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(403, e.getMessage());
            faces.responseComplete();
        }
    }

    /** The DataNets whose dashboards the viewer may open. */
    public List<OwnedDataNet> getOwned() {
        if (owned == null) owned = dashboards.ownedDataNets(actor.get());
        return owned;
    }

    /** Paid per day to the DataNet's contributors and validators, two lines in TRIB; null when nothing was paid. */
    public String getChart() {
        return dashboard == null ? null : chart(dashboard.byDay());
    }

    static String chart(List<DataNetDay> days) {
        List<DailyAmount> rows = new ArrayList<>();
        for (DataNetDay d : days) {
            rows.add(new DailyAmount(d.day(), "To contributors", d.contributors()));
            rows.add(new DailyAmount(d.day(), "To validators", d.validators()));
        }
        return EarningsDashboard.lineChart(rows);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public DataNetOwnerDashboard getDashboard() {
        return dashboard;
    }
}
