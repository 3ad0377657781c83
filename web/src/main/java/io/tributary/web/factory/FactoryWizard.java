package io.tributary.web.factory;

import io.tributary.application.InvalidInput;
import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryViews.BaseView;
import io.tributary.application.factory.FactoryViews.DataPreview;
import io.tributary.application.factory.FactoryViews.ReleaseOption;
import io.tributary.application.factory.Preset;
import io.tributary.application.factory.ReleaseData;
import io.tributary.application.factory.RunDraft;
import io.tributary.application.factory.RunSettings;
import io.tributary.web.rest.ProblemMapper;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.ChartSettings;
import io.tributary.web.shell.Feedback;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The run wizard: base model, releases (with their licences), objective, preset or advanced settings, a preview of
 * the data as the model sees it with the estimate, then launch. Problems are shown next to their field.
 */
@Named
@ViewScoped
public class FactoryWizard implements Serializable {

    @Inject
    transient FactoryService factory;

    @Inject
    CurrentActor actor;

    private List<BaseView> bases = List.of();
    private List<ReleaseOption> options = List.of();
    private DataPreview preview;
    private Map<String, String> problems = new LinkedHashMap<>();

    private String name = "";
    private String baseModelId = null;
    private List<String> releases = new ArrayList<>();
    private String objective = "INSTRUCTION";
    private String preset = "QUICK";
    private boolean advanced = false;
    private boolean forSale = false;
    private int rank = 0;
    private double alpha = 0;
    private double dropout = 0;
    private List<String> targetModules = new ArrayList<>();
    private double learningRate = 0;
    private int warmupSteps = 0;
    private int epochs = 0;
    private int maxSteps = 0;
    private int batchSize = 0;
    private int accumulation = 0;
    private int maxLength = 0;
    private double validationFraction = 0;
    private long seed = 0;
    private int patience = 0;
    private int evaluateEvery = 0;
    private int checkpointEvery = 0;

    @PostConstruct
    void load() {
        bases = factory.bases(actor.get());
        options = factory.releaseOptions(actor.get());
        if (!bases.isEmpty()) baseModelId = bases.get(0).id().toString();
        applyPreset();
    }

    /** Copies the chosen preset's settings into the advanced fields. */
    public void applyPreset() {
        RunSettings s = Preset.valueOf(preset).settings();
        rank = s.rank();
        alpha = s.alpha();
        dropout = s.dropout();
        targetModules = new ArrayList<>(s.targetModules());
        learningRate = s.learningRate();
        warmupSteps = s.warmupSteps();
        epochs = s.epochs();
        maxSteps = s.maxSteps();
        batchSize = s.batchSize();
        accumulation = s.accumulation();
        maxLength = s.maxLength();
        validationFraction = s.validationFraction();
        seed = s.seed();
        patience = s.patience();
        evaluateEvery = s.evaluateEvery();
        checkpointEvery = s.checkpointEvery();
        preview = null;
    }

    RunDraft draft() {
        RunSettings settings = new RunSettings(
                rank,
                alpha,
                dropout,
                targetModules,
                learningRate,
                warmupSteps,
                epochs,
                maxSteps,
                batchSize,
                accumulation,
                maxLength,
                validationFraction,
                seed,
                patience,
                evaluateEvery,
                checkpointEvery);
        List<ReleaseData.Wanted> wanted = releases.stream()
                .map(k -> k.split(":"))
                .map(p -> new ReleaseData.Wanted(UUID.fromString(p[0]), Integer.parseInt(p[1])))
                .toList();
        return new RunDraft(
                name,
                baseModelId == null || baseModelId.isBlank() ? null : UUID.fromString(baseModelId),
                wanted,
                objective,
                preset,
                settings,
                forSale);
    }

    /** Shows the data as the model will see it and the estimate; problems go next to their fields. */
    public void showPreview() {
        problems = new LinkedHashMap<>();
        preview = null;
        try {
            preview = factory.preview(actor.get(), draft());
            problems.putAll(preview.problems());
        } catch (RuntimeException e) {
            if (ProblemMapper.unwrap(e) instanceof InvalidInput invalid) {
                problems.putAll(invalid.violations());
            } else {
                Feedback.attempt(
                        () -> {
                            throw e;
                        },
                        null);
            }
        }
    }

    public String launch() {
        showPreview();
        if (!problems.isEmpty()) {
            return null;
        }
        return Feedback.attempt(() -> factory.create(actor.get(), draft()), null)
                .map(r -> "/factory/run.xhtml?faces-redirect=true&id=" + r.id())
                .orElse(null);
    }

    /** The token-length histogram as a Chart.js bar chart. */
    public String getHistogram() {
        if (preview == null) return "{}";
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder counts = Json.createArrayBuilder();
        List<Integer> edges = preview.histogramEdges();
        for (int i = 0; i < edges.size(); i++) {
            labels.add(i + 1 < edges.size() ? edges.get(i) + "–" + (edges.get(i + 1) - 1) : "≥ " + edges.get(i));
            counts.add(preview.histogramCounts().get(i));
        }
        return ChartSettings.of(
                "bar",
                labels,
                Json.createArrayBuilder()
                        .add(Json.createObjectBuilder()
                                .add("label", "examples by token length")
                                .add("data", counts)),
                ChartSettings.filling());
    }

    public String releaseKey(ReleaseOption o) {
        return o.dataNetId() + ":" + o.version();
    }

    public String releaseLabel(ReleaseOption o) {
        return o.dataNetName() + " v" + o.version() + " — " + o.records() + " records, " + o.recordType()
                + ", licence " + o.licence()
                + (o.nonCommercial() ? " (non-commercial: not for models that are sold)" : "")
                + (o.ownOrganization() ? "" : " · public, another organization");
    }

    public String problem(String field) {
        return problems.get(field);
    }

    public List<BaseView> getBases() {
        return bases;
    }

    public List<ReleaseOption> getOptions() {
        return options;
    }

    public DataPreview getPreview() {
        return preview;
    }

    public Map<String, String> getProblems() {
        return problems;
    }

    public String getName() {
        return name;
    }

    public void setName(String v) {
        this.name = v;
    }

    public String getBaseModelId() {
        return baseModelId;
    }

    public void setBaseModelId(String v) {
        this.baseModelId = v;
    }

    public List<String> getReleases() {
        return releases;
    }

    public void setReleases(List<String> v) {
        this.releases = v;
    }

    public String getObjective() {
        return objective;
    }

    public void setObjective(String v) {
        this.objective = v;
    }

    public String getPreset() {
        return preset;
    }

    public void setPreset(String v) {
        this.preset = v;
    }

    public boolean isAdvanced() {
        return advanced;
    }

    public void setAdvanced(boolean v) {
        this.advanced = v;
    }

    public boolean isForSale() {
        return forSale;
    }

    public void setForSale(boolean v) {
        this.forSale = v;
    }

    public int getRank() {
        return rank;
    }

    public void setRank(int v) {
        this.rank = v;
    }

    public double getAlpha() {
        return alpha;
    }

    public void setAlpha(double v) {
        this.alpha = v;
    }

    public double getDropout() {
        return dropout;
    }

    public void setDropout(double v) {
        this.dropout = v;
    }

    public List<String> getTargetModules() {
        return targetModules;
    }

    public void setTargetModules(List<String> v) {
        this.targetModules = v;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double v) {
        this.learningRate = v;
    }

    public int getWarmupSteps() {
        return warmupSteps;
    }

    public void setWarmupSteps(int v) {
        this.warmupSteps = v;
    }

    public int getEpochs() {
        return epochs;
    }

    public void setEpochs(int v) {
        this.epochs = v;
    }

    public int getMaxSteps() {
        return maxSteps;
    }

    public void setMaxSteps(int v) {
        this.maxSteps = v;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int v) {
        this.batchSize = v;
    }

    public int getAccumulation() {
        return accumulation;
    }

    public void setAccumulation(int v) {
        this.accumulation = v;
    }

    public int getMaxLength() {
        return maxLength;
    }

    public void setMaxLength(int v) {
        this.maxLength = v;
    }

    public double getValidationFraction() {
        return validationFraction;
    }

    public void setValidationFraction(double v) {
        this.validationFraction = v;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long v) {
        this.seed = v;
    }

    public int getPatience() {
        return patience;
    }

    public void setPatience(int v) {
        this.patience = v;
    }

    public int getEvaluateEvery() {
        return evaluateEvery;
    }

    public void setEvaluateEvery(int v) {
        this.evaluateEvery = v;
    }

    public int getCheckpointEvery() {
        return checkpointEvery;
    }

    public void setCheckpointEvery(int v) {
        this.checkpointEvery = v;
    }
}
