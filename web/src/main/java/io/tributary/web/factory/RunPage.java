package io.tributary.web.factory;

import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryViews.CheckpointView;
import io.tributary.application.factory.FactoryViews.LogEntry;
import io.tributary.application.factory.FactoryViews.RunView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.ChartSettings;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One run's live page: status, progress and charts (filled by the browser from the run's event stream), checkpoints
 * with resume and fork, the evaluation report, chat with base and adapter, publish and export.
 */
@Named
@ViewScoped
public class RunPage implements Serializable {

    @Inject
    transient FactoryService factory;

    @Inject
    CurrentActor actor;

    private String id;
    private RunView run;
    private List<CheckpointView> checkpoints = List.of();
    private List<LogEntry> log = List.of();
    private String modelName;
    private BigDecimal price = BigDecimal.ZERO;

    /** Records retrieved into each prompt of the version to publish; 0 for none. */
    private int retrievalTopK;

    private transient JsonObject evaluation;
    private UUID published;

    public void load() throws IOException {
        Feedback.load(id, runId -> factory.run(actor.get(), runId)).ifPresent(r -> {
            run = r;
            checkpoints = factory.checkpoints(actor.get(), r.id());
            log = factory.log(actor.get(), r.id());
            if (modelName == null) modelName = r.name();
        });
    }

    private void reload() {
        run = factory.run(actor.get(), run.id());
        checkpoints = factory.checkpoints(actor.get(), run.id());
        log = factory.log(actor.get(), run.id());
    }

    public void cancel() {
        Feedback.attempt(
                () -> factory.cancel(actor.get(), run.id()),
                "The run stops after its current step; its last checkpoint stays.");
        reload();
    }

    public String resume(Integer step) {
        return Feedback.attempt(() -> factory.resume(actor.get(), run.id(), step), null)
                .map(r -> "/factory/run.xhtml?faces-redirect=true&id=" + r.id())
                .orElse(null);
    }

    public String fork(Integer step) {
        return Feedback.attempt(() -> factory.fork(actor.get(), run.id(), step), null)
                .map(r -> "/factory/run.xhtml?faces-redirect=true&id=" + r.id())
                .orElse(null);
    }

    public void publish() {
        Feedback.attempt(
                        () -> factory.publish(
                                actor.get(), run.id(), modelName, price, retrievalTopK == 0 ? null : retrievalTopK),
                        null)
                .ifPresent(v -> {
                    published = v.id();
                    Feedback.inform("Published " + v.name() + " v" + v.version() + ".");
                });
    }

    /** The evaluation report, once the run completed (read once per view). */
    public JsonObject getEvaluation() {
        if (evaluation == null && run != null && "COMPLETED".equals(run.status())) {
            try (var reader = Json.createReader(new StringReader(factory.evaluation(actor.get(), run.id())))) {
                evaluation = reader.readObject();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return evaluation;
    }

    /** An empty Chart.js line chart the page's script fills from the event stream. */
    public String chart(String... labels) {
        String[] colours = {"#2563eb", "#dc2626", "#059669"};
        var datasets = Json.createArrayBuilder();
        for (int i = 0; i < labels.length; i++) {
            datasets.add(Json.createObjectBuilder()
                    .add("label", labels[i])
                    .add("data", Json.createArrayBuilder())
                    .add("borderColor", colours[i % colours.length])
                    .add("pointRadius", 0)
                    .add("spanGaps", true));
        }
        return ChartSettings.of("line", Json.createArrayBuilder(), datasets, ChartSettings.filling());
    }

    public String getLossChart() {
        return chart("training loss", "validation loss");
    }

    public String getLearningRateChart() {
        return chart("learning rate");
    }

    public String getThroughputChart() {
        return chart("tokens per second");
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public RunView getRun() {
        return run;
    }

    /** The run's log as it stood when the page loaded; the page's script appends what the event stream adds. */
    public List<LogEntry> getLog() {
        return log;
    }

    public List<CheckpointView> getCheckpoints() {
        return checkpoints;
    }

    public String getModelName() {
        return modelName;
    }

    public void setModelName(String modelName) {
        this.modelName = modelName;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public int getRetrievalTopK() {
        return retrievalTopK;
    }

    public void setRetrievalTopK(int retrievalTopK) {
        this.retrievalTopK = retrievalTopK;
    }

    /** The version this page just published, for a link to its card. */
    public UUID getPublished() {
        return published;
    }

    public UUID getRunId() {
        return run == null ? null : run.id();
    }
}
