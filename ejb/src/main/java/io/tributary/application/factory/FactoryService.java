package io.tributary.application.factory;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.curation.ReleaseService;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.events.DomainEvents;
import io.tributary.application.factory.FactoryViews.BaseView;
import io.tributary.application.factory.FactoryViews.CheckpointView;
import io.tributary.application.factory.FactoryViews.Comparison;
import io.tributary.application.factory.FactoryViews.DataPreview;
import io.tributary.application.factory.FactoryViews.Estimate;
import io.tributary.application.factory.FactoryViews.LimitsView;
import io.tributary.application.factory.FactoryViews.LogEntry;
import io.tributary.application.factory.FactoryViews.LossCurve;
import io.tributary.application.factory.FactoryViews.ModelCard;
import io.tributary.application.factory.FactoryViews.ReleaseOption;
import io.tributary.application.factory.FactoryViews.RunView;
import io.tributary.application.factory.FactoryViews.Scores;
import io.tributary.application.factory.FactoryViews.SettingRow;
import io.tributary.application.factory.FactoryViews.VersionView;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.curation.Release;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.factory.FactoryLimits;
import io.tributary.persistence.factory.FactoryRepository;
import io.tributary.persistence.factory.JobStatus;
import io.tributary.persistence.factory.ModelVersion;
import io.tributary.persistence.factory.Objective;
import io.tributary.persistence.factory.RegisteredBase;
import io.tributary.persistence.factory.RunCheckpoint;
import io.tributary.persistence.factory.RunMetric;
import io.tributary.persistence.factory.TrainingJob;
import io.tributary.persistence.tenancy.Role;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.GenerationDefaults;
import io.tributary.training.generate.Generator;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.BaseModel;
import io.tributary.training.tokenizer.Tokenizer;
import io.tributary.training.train.InstructionPair;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Model Factory's use cases for model builders: choose a base and releases, preview and estimate, launch a run,
 * watch, cancel, resume or fork it, read its evaluation, chat with it, publish it as an immutable version, export it.
 * Runs are confined to the builder's organization; staff set each organization's limits.
 */
@Stateless
public class FactoryService {

    private static final int HISTOGRAM_BUCKETS = 10;
    private static final int PREVIEW_SAMPLES = 3;

    @Inject
    FactoryRepository repository;

    @Inject
    ReleaseData releaseData;

    @Inject
    DataNetService dataNets;

    @Inject
    ReleaseService releases;

    @Inject
    AuditLog audit;

    @Inject
    Throughput throughput;

    @Inject
    DomainEvents events;

    @Inject
    io.tributary.application.tenancy.TenantService tenants;

    public List<BaseView> bases(Actor actor) {
        UUID tenant = actor.requireTenant();
        return repository.bases().stream()
                .filter(b -> b.isOpenTo(tenant) && !b.isRetired())
                .map(BaseView::of)
                .toList();
    }

    /** Releases the builder's organization may train on: its own DataNets' and other organizations' public ones. */
    public List<ReleaseOption> releaseOptions(Actor actor) {
        UUID tenant = actor.requireTenant();
        List<ReleaseOption> options = new ArrayList<>();
        for (DataNet d :
                dataNets.list(actor, PageRequest.at(1, PageRequest.MAX_SIZE)).items()) {
            for (Release r : releases.releases(actor, d.getId(), PageRequest.at(1, PageRequest.MAX_SIZE))
                    .items()) {
                options.add(new ReleaseOption(
                        d.getId(),
                        d.getName(),
                        r.getVersion(),
                        d.getLicence(),
                        Licences.isNonCommercial(d.getLicence()),
                        d.getRecordType(),
                        r.getRecordCount(),
                        d.isOwnedBy(tenant)));
            }
        }
        return options;
    }

    /** A plan checked against the base, the releases and the licences, with the data as the model will see it. */
    record Plan(
            RegisteredBase base,
            List<ReleaseRef> refs,
            Objective objective,
            RunSettings settings,
            List<TrainingText> texts,
            int[] lengths,
            Map<String, String> problems) {}

    Plan plan(Actor actor, RunDraft draft) {
        audit.demand(actor, Role.MODEL_BUILDER, "factory.run.plan", "factory");
        UUID tenant = actor.requireTenant();
        if (draft == null) {
            throw new InvalidInput("run", "Describe the run: base model, releases, objective and settings.");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        RegisteredBase base = draft.baseModelId() == null
                ? null
                : repository
                        .base(draft.baseModelId())
                        .filter(b -> b.isOpenTo(tenant))
                        .orElse(null);
        if (base == null) {
            throw new InvalidInput("baseModelId", "Choose one of the base models offered to your organization.");
        }
        if (base.isRetired()) {
            throw new InvalidInput(
                    "baseModelId", "The base " + base.getName() + " was retired: choose another base model.");
        }
        Objective objective = parse(
                Objective.class,
                draft.objective(),
                "objective",
                problems,
                "Choose an objective: INSTRUCTION (answers to instructions) or CONTINUED_PRETRAINING (documents).");
        Preset preset = draft.preset() == null || draft.preset().isBlank()
                ? Preset.BALANCED
                : parse(
                        Preset.class,
                        draft.preset(),
                        "preset",
                        problems,
                        "Choose a preset: QUICK, BALANCED or THOROUGH.");
        RunSettings settings =
                draft.settings() != null ? draft.settings() : (preset == null ? Preset.BALANCED : preset).settings();
        List<ReleaseRef> refs = releaseData.resolve(actor, draft.releases());
        for (ReleaseRef ref : refs) {
            if (draft.forSale() && ref.nonCommercial()) {
                problems.putIfAbsent(
                        "releases",
                        "Release " + ref.label() + " is licensed " + ref.licence()
                                + " (non-commercial): it cannot train a model that is sold. Remove it, or train a model that"
                                + " is not for sale.");
            }
            if (objective == Objective.INSTRUCTION && ref.recordType().equals("DOCUMENT")) {
                problems.putIfAbsent(
                        "objective",
                        "Release " + ref.label() + " holds documents, which have no"
                                + " answers to learn: choose continued pretraining, or leave it out.");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        List<TrainingText> texts = releaseData.texts(actor, refs, objective);
        int[] lengths = lengths(base, texts);
        int examples = objective == Objective.INSTRUCTION ? texts.size() : windows(lengths, settings.maxLength());
        problems.putAll(settings.problems(base.getContextLength(), examples, objective));
        return new Plan(base, refs, objective, settings, texts, lengths, problems);
    }

    /** The data as the model will see it, and what the run would cost; changes nothing. */
    public DataPreview preview(Actor actor, RunDraft draft) {
        Plan plan = plan(actor, draft);
        int max = plan.settings().maxLength();
        int[] lengths = plan.lengths();
        int truncated = (int) Arrays.stream(lengths).filter(l -> l > max).count();
        int top = Math.max(max, Arrays.stream(lengths).max().orElse(0));
        int width = Math.max(1, (top + HISTOGRAM_BUCKETS - 1) / HISTOGRAM_BUCKETS);
        List<Integer> edges = new ArrayList<>();
        int[] counts = new int[HISTOGRAM_BUCKETS];
        for (int i = 0; i < HISTOGRAM_BUCKETS; i++) edges.add(i * width);
        for (int l : lengths) counts[Math.min(HISTOGRAM_BUCKETS - 1, l / width)]++;
        List<String> samples = plan.texts().stream()
                .limit(PREVIEW_SAMPLES)
                .map(t -> t.isInstruction() ? InstructionPair.prompt(t.instruction()) + t.response() : t.document())
                .toList();
        return new DataPreview(
                lengths.length,
                truncated,
                max,
                edges,
                Arrays.stream(counts).boxed().toList(),
                samples,
                estimate(plan),
                plan.problems());
    }

    Estimate estimate(Plan plan) {
        RunSettings s = plan.settings();
        int examples = plan.objective() == Objective.INSTRUCTION
                ? plan.texts().size()
                : windows(plan.lengths(), s.maxLength());
        int steps = s.steps(examples);
        double meanLength = Arrays.stream(plan.lengths())
                .map(l -> Math.min(l, s.maxLength()))
                .average()
                .orElse(0);
        long tokens = Math.round(steps * (double) s.batchSize() * s.accumulation() * meanLength);
        double rate = throughput.tokensPerSecond();
        return new Estimate(examples, s.heldOut(examples), steps, tokens, rate, Math.round(tokens / rate));
    }

    /** Queues a run, after checking its settings, its releases' licences and the organization's monthly quota. */
    public RunView create(Actor actor, RunDraft draft) {
        InputCheck check = new InputCheck();
        String name = check.text("name", draft == null ? null : draft.name(), 200);
        check.done();
        Plan plan = plan(actor, draft);
        if (!plan.problems().isEmpty()) {
            throw new InvalidInput(plan.problems());
        }
        if (plan.texts().isEmpty()) {
            throw new InvalidInput("releases", "The chosen releases hold no records this objective can learn from.");
        }
        Estimate estimate = estimate(plan);
        UUID tenant = actor.requireTenant();
        LimitsView limits = limitsOf(tenant);
        long left = limits.left();
        if (estimate.tokens() > left) {
            audit.refused(
                    actor,
                    tenant,
                    "factory.run.create",
                    name,
                    io.tributary.persistence.audit.Outcome.DENIED,
                    "monthly training quota");
            throw new Conflict(String.format(
                    Locale.ROOT,
                    "This run needs about %,d training tokens, but your organization has %,d of its monthly quota of"
                            + " %,d left until %s. Choose fewer epochs or steps or a shorter maximum length, or ask"
                            + " platform staff to raise the quota.",
                    estimate.tokens(),
                    left,
                    limits.monthlyTokenQuota(),
                    nextMonth()));
        }
        TrainingJob job = new TrainingJob(
                name,
                plan.base().getId(),
                plan.objective(),
                plan.settings().toJson(),
                ReleaseRef.toJson(plan.refs()),
                draft.forSale(),
                estimate.steps(),
                estimate.tokens(),
                actor.name(),
                actor.memberId());
        repository.add(job);
        audit.changed(
                actor,
                tenant,
                "factory.run.create",
                job.getId().toString(),
                name + ": " + estimate.steps() + " steps, ~" + estimate.tokens() + " tokens");
        return RunView.of(job, repository.aheadInQueue(job.getQueuedAt()));
    }

    /**
     * Records a run whose exact inputs (base, releases, settings) were already trained on this installation, from the
     * result saved then, instead of training again: the demo's way to start quickly. The saved adapter must match
     * its recorded SHA-256.
     */
    public RunView restore(Actor actor, RunDraft draft, Path saved) {
        Plan plan = plan(actor, draft);
        if (!plan.problems().isEmpty()) {
            throw new InvalidInput(plan.problems());
        }
        Estimate estimate = estimate(plan);
        try (var reader = jakarta.json.Json.createReader(Files.newBufferedReader(saved.resolve("result.json")))) {
            jakarta.json.JsonObject result = reader.readObject();
            String sha = TrainingExecution.sha256(saved.resolve("adapter").resolve(Adapter.WEIGHTS_FILE));
            if (!sha.equals(result.getString("adapterSha256"))) {
                throw new IllegalStateException("The saved adapter in " + saved + " does not match its result");
            }
            TrainingJob job = new TrainingJob(
                    draft.name(),
                    plan.base().getId(),
                    plan.objective(),
                    plan.settings().toJson(),
                    ReleaseRef.toJson(plan.refs()),
                    draft.forSale(),
                    estimate.steps(),
                    estimate.tokens(),
                    actor.name(),
                    actor.memberId());
            repository.add(job);
            job.progressed(estimate.steps(), estimate.tokens());
            job.finished(
                    JobStatus.COMPLETED,
                    result.getJsonNumber("finalLoss").doubleValue(),
                    result.isNull("validationLoss")
                            ? null
                            : result.getJsonNumber("validationLoss").doubleValue(),
                    null);
            job.evaluated(result.getString("evaluation"), sha);
            for (var m : result.getJsonArray("metrics").getValuesAs(jakarta.json.JsonObject.class)) {
                repository.addMetric(
                        job.getId(),
                        job.getTenantId() == null ? actor.requireTenant() : job.getTenantId(),
                        new RunMetric(
                                m.getInt("step"),
                                m.getJsonNumber("loss").doubleValue(),
                                m.getJsonNumber("learningRate").doubleValue(),
                                m.getJsonNumber("tokensPerSecond").doubleValue(),
                                m.containsKey("validationLoss")
                                        ? m.getJsonNumber("validationLoss").doubleValue()
                                        : null));
            }
            Path adapter = FactoryStorage.adapter(job.getId());
            Files.createDirectories(adapter);
            for (String file : List.of(Adapter.CONFIG_FILE, Adapter.WEIGHTS_FILE)) {
                Files.copy(
                        saved.resolve("adapter").resolve(file),
                        adapter.resolve(file),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            audit.changed(
                    actor,
                    actor.requireTenant(),
                    "factory.run.restore",
                    job.getId().toString(),
                    draft.name());
            return RunView.of(job, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a completed run's result (adapter, losses, evaluation, metrics) so {@link #restore} can reuse it. */
    public void save(Actor actor, UUID id, Path target) {
        TrainingJob j = job(actor, id);
        if (j.getStatus() != JobStatus.COMPLETED) {
            throw new Conflict("Only a completed run can be saved.");
        }
        var metrics = jakarta.json.Json.createArrayBuilder();
        for (RunMetric m : repository.metrics(j.getId(), j.getTenantId(), 0)) {
            var o = jakarta.json.Json.createObjectBuilder()
                    .add("step", m.step())
                    .add("loss", m.loss())
                    .add("learningRate", m.learningRate())
                    .add("tokensPerSecond", m.tokensPerSecond());
            if (m.validationLoss() != null) o.add("validationLoss", m.validationLoss());
            metrics.add(o);
        }
        var result = jakarta.json.Json.createObjectBuilder()
                .add("finalLoss", j.getFinalLoss())
                .add("adapterSha256", j.getAdapterSha256())
                .add("evaluation", j.getEvaluation())
                .add("metrics", metrics);
        if (j.getValidationLoss() == null) result.addNull("validationLoss");
        else result.add("validationLoss", j.getValidationLoss());
        try {
            Path staging = target.resolveSibling(target.getFileName() + ".partial");
            Files.createDirectories(staging.resolve("adapter"));
            for (String file : List.of(Adapter.CONFIG_FILE, Adapter.WEIGHTS_FILE)) {
                Files.copy(
                        FactoryStorage.adapter(j.getId()).resolve(file),
                        staging.resolve("adapter").resolve(file),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(staging.resolve("result.json"), result.build().toString());
            Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Page<RunView> runs(Actor actor, PageRequest page) {
        audit.demand(actor, Role.MODEL_BUILDER, "factory.run.list", "factory");
        actor.requireTenant();
        Page<TrainingJob> jobs = repository.jobs(page);
        return jobs.map(j -> RunView.of(j, queuePosition(j)));
    }

    public RunView run(Actor actor, UUID id) {
        return RunView.of(job(actor, id), queuePosition(job(actor, id)));
    }

    private long queuePosition(TrainingJob j) {
        return j.getStatus() == JobStatus.QUEUED ? repository.aheadInQueue(j.getQueuedAt()) + 1 : 0;
    }

    TrainingJob job(Actor actor, UUID id) {
        audit.demand(actor, Role.MODEL_BUILDER, "factory.run.read", String.valueOf(id));
        actor.requireTenant();
        return repository.job(id).orElseThrow(() -> new NotFound("No training run " + id + " in your organization."));
    }

    public List<RunMetric> metrics(Actor actor, UUID id, int afterStep) {
        TrainingJob j = job(actor, id);
        return repository.metrics(j.getId(), j.getTenantId(), afterStep);
    }

    public List<CheckpointView> checkpoints(Actor actor, UUID id) {
        return repository.checkpoints(job(actor, id).getId()).stream()
                .map(CheckpointView::of)
                .toList();
    }

    /**
     * The run's log, oldest first: queued (or forked), started, each validation and checkpoint by step, a pending
     * cancel, and how it ended with its reason. Built from the run's own records, so it is the same on every node.
     */
    public List<LogEntry> log(Actor actor, UUID id) {
        TrainingJob j = job(actor, id);
        List<LogEntry> log = new ArrayList<>();
        log.add(
                j.getParentRunId() == null
                        ? new LogEntry(
                                j.getQueuedAt(),
                                "QUEUED",
                                null,
                                String.format(
                                        Locale.ROOT,
                                        "Queued by %s: %,d steps, about %,d training tokens.",
                                        j.getCreatedBy(),
                                        j.getTotalSteps(),
                                        j.getEstimatedTokens()))
                        : new LogEntry(
                                j.getQueuedAt(),
                                "FORKED",
                                j.getParentStep(),
                                "Forked by " + j.getCreatedBy() + " from run " + j.getParentRunId() + " at step "
                                        + j.getParentStep() + "."));
        if (j.getStartedAt() != null) {
            log.add(new LogEntry(j.getStartedAt(), "STARTED", null, "Training started on the server."));
        }
        if (j.getResumeFrom() != null && j.getParentRunId() == null) {
            log.add(new LogEntry(
                    j.getQueuedAt(), "RESUMED", null, "Queued again to continue from its last checkpoint."));
        }
        record Stepped(int step, int order, LogEntry entry) {}
        List<Stepped> stepped = new ArrayList<>();
        for (double[] v : repository.validations(j.getId(), j.getTenantId())) {
            int step = (int) v[0];
            stepped.add(new Stepped(
                    step,
                    0,
                    new LogEntry(
                            null,
                            "VALIDATION",
                            step,
                            String.format(Locale.ROOT, "Validation loss %.4f at step %d.", v[1], step))));
        }
        for (RunCheckpoint c : repository.checkpoints(j.getId())) {
            stepped.add(new Stepped(
                    c.getStep(),
                    1,
                    new LogEntry(
                            c.getCreatedAt(),
                            "CHECKPOINT",
                            c.getStep(),
                            String.format(
                                    Locale.ROOT,
                                    "Checkpoint kept at step %d (training loss %.4f%s).",
                                    c.getStep(),
                                    c.getLoss(),
                                    c.getValidationLoss() == null
                                            ? ""
                                            : String.format(
                                                    Locale.ROOT, ", validation loss %.4f", c.getValidationLoss())))));
        }
        stepped.sort(java.util.Comparator.comparingInt(Stepped::step).thenComparingInt(Stepped::order));
        stepped.forEach(e -> log.add(e.entry()));
        if (j.isCancelRequested() && !j.getStatus().isFinal()) {
            log.add(new LogEntry(null, "STOPPING", j.getStep(), "Cancel requested: stops after the current step."));
        }
        if (j.getStatus().isFinal()) {
            String message = switch (j.getStatus()) {
                case COMPLETED ->
                    String.format(
                            Locale.ROOT,
                            "Completed at step %d%s%s.",
                            j.getStep(),
                            j.getFinalLoss() == null
                                    ? ""
                                    : String.format(Locale.ROOT, ", final loss %.4f", j.getFinalLoss()),
                            j.getValidationLoss() == null
                                    ? ""
                                    : String.format(Locale.ROOT, ", validation loss %.4f", j.getValidationLoss()));
                case CANCELLED -> "Cancelled at step " + j.getStep() + "; its checkpoints stay.";
                default -> j.getFailureReason() == null ? "Failed." : j.getFailureReason();
            };
            log.add(new LogEntry(j.getFinishedAt(), j.getStatus().name(), j.getStep(), message));
        }
        return log;
    }

    /**
     * Two to four of the organization's runs side by side: loss curves to overlay, every setting with the ones that
     * differ marked, and their evaluation figures.
     */
    public Comparison compare(Actor actor, List<UUID> ids) {
        List<UUID> distinct = ids == null
                ? List.of()
                : ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (distinct.size() < 2 || distinct.size() > 4) {
            throw new InvalidInput("runs", "Choose two to four runs to compare.");
        }
        List<TrainingJob> jobs = distinct.stream().map(id -> job(actor, id)).toList();
        List<RunView> runs =
                jobs.stream().map(j -> RunView.of(j, queuePosition(j))).toList();
        List<LossCurve> curves = new ArrayList<>();
        for (TrainingJob j : jobs) {
            List<RunMetric> metrics = repository.metrics(j.getId(), j.getTenantId(), 0);
            curves.add(new LossCurve(
                    j.getId(),
                    j.getName(),
                    metrics.stream().map(RunMetric::step).toList(),
                    metrics.stream().map(RunMetric::loss).toList()));
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (TrainingJob j : jobs) {
            RunView r = RunView.of(j, 0);
            String base = repository
                    .base(j.getBaseModelId())
                    .map(RegisteredBase::getName)
                    .orElse("?");
            rows.computeIfAbsent("base model", k -> new ArrayList<>()).add(base);
            rows.computeIfAbsent("objective", k -> new ArrayList<>()).add(r.objective());
            rows.computeIfAbsent("releases", k -> new ArrayList<>())
                    .add(String.join(
                            ", ", r.releases().stream().map(ReleaseRef::label).toList()));
            for (var component : RunSettings.class.getRecordComponents()) {
                try {
                    Object value = component.getAccessor().invoke(r.settings());
                    rows.computeIfAbsent(component.getName(), k -> new ArrayList<>())
                            .add(
                                    value instanceof List<?> l
                                            ? String.join(
                                                    ", ",
                                                    l.stream()
                                                            .map(String::valueOf)
                                                            .toList())
                                            : String.valueOf(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            rows.computeIfAbsent("total steps", k -> new ArrayList<>()).add(String.valueOf(r.totalSteps()));
            rows.computeIfAbsent("for sale", k -> new ArrayList<>()).add(r.forSale() ? "yes" : "no");
        }
        List<SettingRow> settings = rows.entrySet().stream()
                .map(e -> new SettingRow(
                        e.getKey(),
                        e.getValue(),
                        e.getValue().stream().distinct().count() > 1))
                .toList();
        List<Scores> scores = jobs.stream().map(FactoryService::scores).toList();
        return new Comparison(runs, curves, settings, scores);
    }

    private static Scores scores(TrainingJob j) {
        if (j.getEvaluation() == null) {
            return new Scores(j.getId(), null, null, null, null, null, null, null);
        }
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(j.getEvaluation()))) {
            jakarta.json.JsonObject e = reader.readObject();
            jakarta.json.JsonObject a = e.getJsonObject("adapter");
            jakarta.json.JsonObject b = e.getJsonObject("base");
            return new Scores(
                    j.getId(),
                    number(a, "loss"),
                    number(b, "loss"),
                    number(a, "perplexity"),
                    number(b, "perplexity"),
                    number(a, "exactMatch"),
                    number(a, "tokenF1"),
                    number(b, "tokenF1"));
        }
    }

    private static Double number(jakarta.json.JsonObject o, String key) {
        return o != null && o.containsKey(key) && o.get(key) instanceof jakarta.json.JsonNumber n
                ? n.doubleValue()
                : null;
    }

    /** Stops a run: at once when queued, after the current step when training; its last checkpoint stays. */
    public RunView cancel(Actor actor, UUID id) {
        job(actor, id);
        TrainingJob j = repository.jobForUpdate(id).orElseThrow();
        if (j.getStatus().isFinal()) {
            throw new Conflict(
                    "This run has already ended (" + j.getStatus().name().toLowerCase(Locale.ROOT) + ").");
        }
        if (j.getStatus() == JobStatus.QUEUED) {
            j.cancelWhileQueued();
        } else {
            j.requestCancel();
        }
        audit.changed(actor, j.getTenantId(), "factory.run.cancel", id.toString(), j.getName());
        return RunView.of(j, 0);
    }

    /**
     * Puts a cancelled or failed run back in the queue, to continue from one of its checkpoints (the latest when
     * {@code step} is null).
     */
    public RunView resume(Actor actor, UUID id, Integer step) {
        job(actor, id);
        TrainingJob j = repository.jobForUpdate(id).orElseThrow();
        if (j.getStatus() != JobStatus.CANCELLED && j.getStatus() != JobStatus.FAILED) {
            throw new Conflict("Only a cancelled or failed run can be resumed; this one is "
                    + j.getStatus().name().toLowerCase(Locale.ROOT) + ". Fork it to train on from a checkpoint.");
        }
        // Requeued, the run reserves its estimate again this month: a run cancelled while queued had released it.
        LimitsView limits = limitsOf(j.getTenantId());
        boolean countedThisMonth = !j.getQueuedAt().isBefore(monthStart());
        long needed =
                Math.max(j.getEstimatedTokens(), j.getTokensTrained()) - (countedThisMonth ? j.getTokensTrained() : 0);
        long left = limits.left();
        if (needed > left) {
            throw new Conflict(String.format(
                    Locale.ROOT,
                    "Resuming needs about %,d training tokens, but your organization has %,d of its monthly quota"
                            + " left until %s.",
                    needed,
                    left,
                    nextMonth()));
        }
        RunCheckpoint c = checkpointOf(j, step);
        j.requeue(c == null ? null : c.getDirectory());
        audit.changed(
                actor,
                j.getTenantId(),
                "factory.run.resume",
                id.toString(),
                c == null ? "from the start" : "from step " + c.getStep());
        return RunView.of(j, queuePosition(j));
    }

    /** A new run that starts from a checkpoint of this one, with the same data and settings. */
    public RunView fork(Actor actor, UUID id, Integer step) {
        TrainingJob parent = job(actor, id);
        RunCheckpoint c = checkpointOf(parent, step);
        if (c == null) {
            throw new Conflict("This run has kept no checkpoint to fork from yet.");
        }
        LimitsView limits = limitsOf(parent.getTenantId());
        long left = limits.left();
        if (parent.getEstimatedTokens() > left) {
            throw new Conflict(String.format(
                    Locale.ROOT,
                    "A fork needs about %,d training tokens, but your organization has %,d of its monthly quota left.",
                    parent.getEstimatedTokens(),
                    left));
        }
        TrainingJob fork = new TrainingJob(
                        parent.getName() + " (fork at step " + c.getStep() + ")",
                        parent.getBaseModelId(),
                        parent.getObjective(),
                        parent.getSettings(),
                        parent.getReleases(),
                        parent.isForSale(),
                        parent.getTotalSteps(),
                        parent.getEstimatedTokens(),
                        actor.name(),
                        actor.memberId())
                .forkedFrom(parent.getId(), c.getStep(), c.getDirectory());
        repository.add(fork);
        audit.changed(
                actor,
                parent.getTenantId(),
                "factory.run.fork",
                fork.getId().toString(),
                "from " + parent.getId() + " at step " + c.getStep());
        return RunView.of(fork, queuePosition(fork));
    }

    private RunCheckpoint checkpointOf(TrainingJob j, Integer step) {
        List<RunCheckpoint> all = repository.checkpoints(j.getId());
        if (step == null) {
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
        return all.stream()
                .filter(c -> c.getStep() == step)
                .findFirst()
                .orElseThrow(() -> new NotFound("This run kept no checkpoint at step " + step + "."));
    }

    /** The evaluation report as JSON, once the run has completed. */
    public String evaluation(Actor actor, UUID id) {
        TrainingJob j = job(actor, id);
        if (j.getEvaluation() == null) {
            throw new NotFound("This run has no evaluation report yet: it is written when the run completes.");
        }
        return j.getEvaluation();
    }

    /** Publishes a completed run as the next version of a model name; the version never changes afterwards. */
    public VersionView publish(Actor actor, UUID id, String name, BigDecimal pricePer1kTokens) {
        return publish(actor, id, name, pricePer1kTokens, null);
    }

    /** The most records a version may retrieve into one prompt: leave-one-out over them stays exact and cheap. */
    public static final int MAX_RETRIEVAL_TOP_K = 8;

    /**
     * Publishes a completed run as the next version of a model name, answering with the {@code retrievalTopK}
     * records of its DataNet releases nearest to each question in the prompt (null: without retrieval).
     */
    public VersionView publish(Actor actor, UUID id, String name, BigDecimal pricePer1kTokens, Integer retrievalTopK) {
        TrainingJob j = job(actor, id);
        InputCheck check = new InputCheck();
        if (retrievalTopK != null && (retrievalTopK < 1 || retrievalTopK > MAX_RETRIEVAL_TOP_K)) {
            check.fail(
                    "retrievalTopK",
                    "Retrieval puts between 1 and " + MAX_RETRIEVAL_TOP_K
                            + " records into each prompt; leave it out to publish without retrieval.");
        }
        String model = check.text("name", name, 200);
        if (pricePer1kTokens == null
                || pricePer1kTokens.signum() < 0
                || pricePer1kTokens.compareTo(BigDecimal.valueOf(1000)) > 0) {
            check.fail("pricePer1kTokens", "The price per 1,000 tokens must be between 0 and 1,000 TRIB.");
        } else if (pricePer1kTokens.scale() > 6) {
            check.fail("pricePer1kTokens", "The price per 1,000 tokens has at most 6 decimals.");
        }
        check.done();
        if (j.getStatus() != JobStatus.COMPLETED || j.getAdapterSha256() == null) {
            throw new Conflict("Only a completed run can be published; this one is "
                    + j.getStatus().name().toLowerCase(Locale.ROOT) + ".");
        }
        List<ReleaseRef> refs = ReleaseRef.fromJson(j.getReleases());
        if (pricePer1kTokens.signum() > 0) {
            for (ReleaseRef ref : refs) {
                if (ref.nonCommercial()) {
                    throw new InvalidInput(
                            "pricePer1kTokens",
                            "Release " + ref.label() + " is licensed " + ref.licence()
                                    + " (non-commercial): a model trained on it cannot be sold. Publish it at price 0.");
                }
            }
        }
        RegisteredBase base = repository.base(j.getBaseModelId()).orElseThrow();
        String licence = clip(
                "Base: " + base.getLicence() + ". Data: "
                        + String.join(
                                "; ",
                                refs.stream()
                                        .map(r -> r.licence() + " (" + r.label() + ")")
                                        .toList()),
                200);
        int version = repository.latestVersion(model) + 1;
        ModelVersion v = new ModelVersion(
                j.getId(),
                model,
                version,
                base.getSha256(),
                j.getAdapterSha256(),
                j.getReleases(),
                j.getSettings(),
                j.getEvaluation(),
                licence,
                pricePer1kTokens,
                actor.name(),
                retrievalTopK);
        repository.add(v);
        audit.changed(actor, j.getTenantId(), "factory.model.publish", v.getId().toString(), model + " v" + version);
        events.publish(new ModelPublished(
                j.getTenantId(),
                v.getId(),
                model,
                version,
                base.getSha256(),
                j.getAdapterSha256(),
                pricePer1kTokens,
                retrievalTopK));
        return VersionView.of(v);
    }

    public Page<VersionView> versions(Actor actor, PageRequest page) {
        audit.demand(actor, Role.MODEL_BUILDER, "factory.model.list", "factory");
        actor.requireTenant();
        return repository.versions(page).map(VersionView::of);
    }

    public VersionView version(Actor actor, UUID id) {
        audit.demand(actor, Role.MODEL_BUILDER, "factory.model.read", String.valueOf(id));
        actor.requireTenant();
        return repository
                .version(id)
                .map(VersionView::of)
                .orElseThrow(() -> new NotFound("No model version " + id + "."));
    }

    /** A published version's card: base, releases, settings, evaluation, licence, price and how to call it. */
    public ModelCard card(Actor actor, UUID id) {
        VersionView v = version(actor, id);
        BaseView base = repository
                .job(v.runId())
                .flatMap(j -> repository.base(j.getBaseModelId()))
                .map(BaseView::of)
                .orElse(null);
        var tenant = tenants.find(actor.requireTenant()).orElseThrow();
        return new ModelCard(v, base, tenant.getName(), tenant.getAlias() + "/" + v.name());
    }

    /** The run's adapter as a PEFT folder (adapter_config.json, adapter_model.safetensors) in a zip. */
    public void exportAdapter(Actor actor, UUID id, OutputStream out) {
        TrainingJob j = job(actor, id);
        Path adapter = FactoryStorage.adapter(j.getId());
        if (j.getStatus() != JobStatus.COMPLETED || !Files.isRegularFile(adapter.resolve(Adapter.WEIGHTS_FILE))) {
            throw new Conflict("Only a completed run's adapter can be exported.");
        }
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String file : List.of(Adapter.CONFIG_FILE, Adapter.WEIGHTS_FILE)) {
                zip.putNextEntry(new ZipEntry("adapter/" + file));
                Files.copy(adapter.resolve(file), zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run's adapter merged into its base as a Hugging Face folder (config.json, model.safetensors,
     * tokenizer.json) in a zip.
     */
    public void exportMerged(Actor actor, UUID id, OutputStream out) {
        TrainingJob j = job(actor, id);
        Path adapter = FactoryStorage.adapter(j.getId());
        if (j.getStatus() != JobStatus.COMPLETED || !Files.isRegularFile(adapter.resolve(Adapter.WEIGHTS_FILE))) {
            throw new Conflict("Only a completed run's model can be exported.");
        }
        RegisteredBase base = repository.base(j.getBaseModelId()).orElseThrow();
        DjlContext.call(() -> {
            try {
                MergedExport.write(
                        Path.of(base.getDirectory()),
                        adapter,
                        FactoryStorage.run(j.getId()).resolve("export"),
                        out);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        audit.changed(actor, j.getTenantId(), "factory.model.export-merged", id.toString(), j.getName());
    }

    /**
     * Answers a prompt with the base model alone or with the run's adapter, streaming each piece of text to
     * {@code pieces}.
     */
    public String chat(
            Actor actor,
            UUID id,
            String prompt,
            boolean withAdapter,
            int maxNewTokens,
            double temperature,
            java.util.function.Consumer<String> pieces) {
        TrainingJob j = job(actor, id);
        InputCheck check = new InputCheck();
        String text = check.text("prompt", prompt, 2000);
        if (maxNewTokens < 1 || maxNewTokens > 256) check.fail("maxNewTokens", "Answers are 1 to 256 tokens long.");
        if (!(temperature >= 0) || temperature > 2) check.fail("temperature", "Temperature must be between 0 and 2.");
        check.done();
        if (withAdapter && j.getStatus() != JobStatus.COMPLETED) {
            throw new Conflict("The adapter can be chatted with once the run has completed.");
        }
        RegisteredBase base = repository.base(j.getBaseModelId()).orElseThrow();
        GenerationConfig config = recommendedDecoding(Path.of(base.getDirectory()))
                .maxNewTokens(maxNewTokens)
                .temperature(temperature)
                .topK(temperature == 0 ? 1 : 40)
                .seed(7)
                .stopSequences(List.of("\n\n"))
                .build();
        return DjlContext.call(() -> {
            try (BaseModel model = BaseModel.load(Path.of(base.getDirectory()), base.getLicence());
                    Adapter adapter =
                            withAdapter ? Adapter.load(FactoryStorage.adapter(j.getId()), model.model()) : null) {
                return new Generator(model.model())
                        .generate(InstructionPair.prompt(text), adapter, config, (token, piece) -> pieces.accept(piece))
                        .text();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The base's own decoding settings (its penalties against loops), which the chat's temperature overrides. */
    private static GenerationConfig.Builder recommendedDecoding(Path baseDirectory) {
        try {
            return GenerationDefaults.of(baseDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This organization's limits and this month's use. */
    public LimitsView myLimits(Actor actor) {
        audit.demand(actor, Role.MODEL_BUILDER, "factory.limits.read", "factory");
        return limitsOf(actor.requireTenant());
    }

    /** Staff: an organization's limits. */
    public LimitsView limits(Actor staff, UUID tenantId) {
        requireStaff(staff);
        return limitsOf(tenantId);
    }

    /** Staff: sets how many runs an organization trains at once and how many tokens a month it may train. */
    public LimitsView setLimits(Actor staff, UUID tenantId, int maxConcurrentRuns, long monthlyTokenQuota) {
        requireStaff(staff);
        InputCheck check = new InputCheck();
        if (maxConcurrentRuns < 0 || maxConcurrentRuns > 100)
            check.fail("maxConcurrentRuns", "Between 0 and 100 runs at once.");
        if (monthlyTokenQuota < 0) check.fail("monthlyTokenQuota", "The monthly quota cannot be negative.");
        check.done();
        repository
                .limits(tenantId)
                .ifPresentOrElse(
                        l -> l.change(maxConcurrentRuns, monthlyTokenQuota, staff.name()),
                        () -> repository.add(
                                new FactoryLimits(tenantId, maxConcurrentRuns, monthlyTokenQuota, staff.name())));
        audit.changed(
                staff,
                tenantId,
                "factory.limits.set",
                tenantId.toString(),
                maxConcurrentRuns + " runs at once, " + monthlyTokenQuota + " tokens a month");
        return limitsOf(tenantId);
    }

    private void requireStaff(Actor actor) {
        if (!actor.isPlatformAdmin()) {
            throw new AccessDenied("Training limits are set by platform staff.");
        }
    }

    LimitsView limitsOf(UUID tenantId) {
        return LimitsView.of(
                tenantId, repository.limits(tenantId).orElse(null), repository.tokensSince(tenantId, monthStart()));
    }

    private static Instant monthStart() {
        return LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static String nextMonth() {
        return LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).toString();
    }

    private static int[] lengths(RegisteredBase base, List<TrainingText> texts) {
        try {
            Tokenizer tokenizer = Tokenizer.load(Path.of(base.getDirectory(), "tokenizer.json"));
            return texts.stream()
                    .mapToInt(t -> t.isInstruction()
                            ? tokenizer.encode(InstructionPair.prompt(t.instruction())).length
                                    + tokenizer.encode(t.response().strip()).length
                                    + 1
                            : tokenizer.encode(t.document()).length)
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The base model's tokenizer cannot be read", e);
        }
    }

    private static int windows(int[] lengths, int maxLength) {
        return Arrays.stream(lengths)
                .map(l -> Math.max(1, (l + maxLength - 1) / maxLength))
                .sum();
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, String value, String field, Map<String, String> problems, String message) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.putIfAbsent(field, message);
            return null;
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
