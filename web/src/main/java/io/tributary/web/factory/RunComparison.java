package io.tributary.web.factory;

import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryViews.Comparison;
import io.tributary.application.factory.FactoryViews.LossCurve;
import io.tributary.application.factory.FactoryViews.RunView;
import io.tributary.persistence.PageRequest;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.ChartSettings;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.Labels;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Compare runs: the builder picks two to four runs and sees their loss curves overlaid, settings and evaluations. */
@Named
@ViewScoped
public class RunComparison implements Serializable {

    private static final String[] COLOURS = {"#2563eb", "#dc2626", "#059669", "#7c3aed"};

    @Inject
    transient FactoryService factory;

    @Inject
    CurrentActor actor;

    @Inject
    Labels labels;

    private String runs;
    private List<String> chosen = new ArrayList<>();
    private List<SelectItem> options;
    private Comparison comparison;

    /** Opens with {@code ?runs=id,id} already compared (the API and links use it). */
    public void load() {
        if (runs != null && !runs.isBlank()) {
            chosen = Arrays.stream(runs.split(",")).map(String::strip).toList();
            compare();
        }
    }

    public void compare() {
        List<UUID> ids = new ArrayList<>();
        for (String id : chosen) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                // not a run of this page's list: the service's count check explains what to choose
            }
        }
        comparison =
                Feedback.attempt(() -> factory.compare(actor.get(), ids), null).orElse(null);
    }

    /** The organization's latest runs to choose from. */
    public List<SelectItem> getOptions() {
        if (options == null) {
            options = new ArrayList<>();
            for (RunView r : factory.runs(actor.get(), new PageRequest(1, 50)).items()) {
                options.add(new SelectItem(
                        r.id().toString(), r.name() + " (" + labels.named("JobStatus", r.status()) + ")"));
            }
        }
        return options;
    }

    /** A Chart.js line chart with one training-loss curve per run, on a shared step axis. */
    public String getLossChart() {
        var datasets = Json.createArrayBuilder();
        List<LossCurve> curves = comparison == null ? List.of() : comparison.curves();
        for (int i = 0; i < curves.size(); i++) {
            LossCurve c = curves.get(i);
            var points = Json.createArrayBuilder();
            for (int k = 0; k < c.steps().size(); k++) {
                points.add(Json.createObjectBuilder()
                        .add("x", c.steps().get(k))
                        .add("y", c.losses().get(k)));
            }
            datasets.add(Json.createObjectBuilder()
                    .add("label", c.name())
                    .add("data", points)
                    .add("borderColor", COLOURS[i % COLOURS.length])
                    .add("backgroundColor", COLOURS[i % COLOURS.length])
                    .add("pointRadius", 0));
        }
        var axis = Json.createObjectBuilder()
                .add("type", "linear")
                .add("title", Json.createObjectBuilder().add("display", true).add("text", "step"));
        return ChartSettings.of(
                "line",
                null,
                datasets,
                ChartSettings.filling().add("scales", Json.createObjectBuilder().add("x", axis)));
    }

    public String getRuns() {
        return runs;
    }

    public void setRuns(String runs) {
        this.runs = runs;
    }

    public List<String> getChosen() {
        return chosen;
    }

    public void setChosen(List<String> chosen) {
        this.chosen = chosen == null ? new ArrayList<>() : new ArrayList<>(chosen);
    }

    public Comparison getComparison() {
        return comparison;
    }
}
