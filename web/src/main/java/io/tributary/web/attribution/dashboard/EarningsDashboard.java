package io.tributary.web.attribution.dashboard;

import io.tributary.application.attribution.dashboard.EarningsDashboards;
import io.tributary.application.attribution.dashboard.EarningsDashboards.ContributorDashboard;
import io.tributary.application.attribution.dashboard.EarningsDashboards.ModelOwnerDashboard;
import io.tributary.application.rewards.Trib;
import io.tributary.persistence.attribution.dashboard.EarningsFigures.DailyAmount;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.ChartSettings;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The earnings dashboard page: the member's earnings as a contributor, and their organization's models. */
@Named
@ViewScoped
public class EarningsDashboard implements Serializable {

    private static final String[] COLOURS = {"#0f766e", "#1d4ed8", "#b45309", "#7c3aed", "#be123c", "#4d7c0f"};

    @Inject
    transient EarningsDashboards dashboards;

    @Inject
    CurrentActor actor;

    private ContributorDashboard contributor;
    private ModelOwnerDashboard owner;

    public ContributorDashboard getContributor() {
        if (contributor == null && actor.get().memberId() != null) contributor = dashboards.contributor(actor.get());
        return contributor;
    }

    public boolean isModelOwner() {
        return actor.get().has(Role.MODEL_BUILDER) || actor.get().has(Role.ORG_ADMIN);
    }

    public ModelOwnerDashboard getOwner() {
        if (owner == null && isModelOwner()) owner = dashboards.modelOwner(actor.get());
        return owner;
    }

    /** The contributor's earnings per day, one line per model, for {@code <p:chart>}; null when there is nothing. */
    public String getEarningsChart() {
        return getContributor() == null ? null : lineChart(getContributor().byDayAndModel());
    }

    /** The owner's revenue per day, one line per model; null when there is nothing. */
    public String getRevenueChart() {
        return getOwner() == null ? null : lineChart(getOwner().revenueByDay());
    }

    /** A Chart.js line chart in TRIB: days on the x axis, one dataset per label. */
    static String lineChart(List<DailyAmount> rows) {
        if (rows.isEmpty()) return null;
        TreeSet<LocalDate> days = new TreeSet<>();
        Map<String, Map<LocalDate, BigInteger>> series = new TreeMap<>();
        for (DailyAmount r : rows) {
            days.add(r.day());
            series.computeIfAbsent(r.label(), k -> new TreeMap<>()).merge(r.day(), r.amount(), BigInteger::add);
        }
        JsonArrayBuilder labels = Json.createArrayBuilder();
        days.forEach(day -> labels.add(day.toString()));
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        int i = 0;
        for (var s : series.entrySet()) {
            JsonArrayBuilder data = Json.createArrayBuilder();
            for (LocalDate day : days) {
                BigInteger amount = s.getValue().getOrDefault(day, BigInteger.ZERO);
                // Plain digits: a stripped BigDecimal would print 10 as 1E+1.
                data.add(new BigDecimal(new BigDecimal(amount)
                        .movePointLeft(Trib.DECIMALS)
                        .stripTrailingZeros()
                        .toPlainString()));
            }
            datasets.add(Json.createObjectBuilder()
                    .add("label", s.getKey())
                    .add("borderColor", COLOURS[i % COLOURS.length])
                    .add("data", data));
            i++;
        }
        return ChartSettings.of("line", labels, datasets, ChartSettings.fromZero());
    }
}
