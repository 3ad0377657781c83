package io.tributary.application.factory;

import io.tributary.application.Actor;
import io.tributary.persistence.factory.JobStatus;
import io.tributary.persistence.factory.Objective;
import io.tributary.persistence.factory.RegisteredBase;
import io.tributary.persistence.factory.RunMetric;
import io.tributary.persistence.factory.TrainingJob;
import io.tributary.persistence.tenancy.Role;
import io.tributary.training.eval.Evaluation;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.BaseModel;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.tokenizer.Tokenizer;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingConfig;
import io.tributary.training.train.TrainingData;
import io.tributary.training.train.TrainingExample;
import io.tributary.training.train.TrainingListener;
import io.tributary.training.train.TrainingProgress;
import io.tributary.training.train.TrainingResult;
import io.tributary.training.train.TrainingRun;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trains one claimed job on a managed thread through the model library's public API: reads its releases, builds the
 * data, trains (from its checkpoint when resuming), stores metrics and checkpoints as they come, then saves the
 * adapter and evaluates it. Every failure ends the job with a reason a builder can act on.
 */
final class TrainingExecution implements Runnable {

    private static final Logger LOG = Logger.getLogger(TrainingExecution.class.getName());
    private static final long FLUSH_NANOS = 500_000_000L;
    private static final long MIN_FREE_BYTES = 64L << 20;
    private static final int EVAL_SAMPLES = 10;
    private static final int EVAL_TOKENS = 24;

    private final UUID id;
    private final UUID tenantId;
    private final TrainingQueue queue;
    private final ReleaseData releaseData;
    private final Throughput throughput;
    private volatile TrainingRun training;
    private volatile boolean cancelRequested;

    TrainingExecution(UUID id, UUID tenantId, TrainingQueue queue, ReleaseData releaseData, Throughput throughput) {
        this.id = id;
        this.tenantId = tenantId;
        this.queue = queue;
        this.releaseData = releaseData;
        this.throughput = throughput;
    }

    UUID id() {
        return id;
    }

    /** Stops the training after its current step (the server is shutting down or the builder cancelled). */
    void stop() {
        TrainingRun t = training;
        if (t != null) t.cancel();
    }

    @Override
    public void run() {
        io.tributary.persistence.TenantContext.set(tenantId);
        try {
            execute();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Training run " + id + " failed", e);
            end(JobStatus.FAILED, null, null, reason(e), null, null);
        } finally {
            io.tributary.persistence.TenantContext.clear();
        }
    }

    private void execute() {
        TrainingJob job = queue.job(id);
        RunSettings s = RunSettings.fromJson(job.getSettings());
        Actor owner = new Actor(tenantId, job.getCreatedByMember(), job.getCreatedBy(), Set.of(Role.MODEL_BUILDER));
        List<ReleaseRef> refs = ReleaseRef.fromJson(job.getReleases());
        List<TrainingText> texts = releaseData.texts(owner, refs, job.getObjective());
        if (texts.isEmpty()) {
            end(
                    JobStatus.FAILED,
                    null,
                    null,
                    "The releases "
                            + String.join(
                                    ", ", refs.stream().map(ReleaseRef::label).toList())
                            + " hold no records this objective can learn from: nothing to train on.",
                    null,
                    null);
            return;
        }
        Path runDir = FactoryStorage.run(id);
        try {
            Files.createDirectories(runDir);
            if (Files.getFileStore(runDir).getUsableSpace() < MIN_FREE_BYTES) {
                end(JobStatus.FAILED, null, null, diskFull(), null, null);
                return;
            }
        } catch (IOException e) {
            end(JobStatus.FAILED, null, null, reason(e), null, null);
            return;
        }
        RegisteredBase base = queue.base(job.getBaseModelId());
        DjlContext.call(() -> {
            train(job, s, base, texts);
            return null;
        });
    }

    private void train(TrainingJob job, RunSettings s, RegisteredBase registered, List<TrainingText> texts) {
        try (BaseModel base = BaseModel.load(Path.of(registered.getDirectory()), registered.getLicence())) {
            LanguageModel model = base.model();
            Tokenizer tokenizer = model.requireTokenizer();
            Map<TrainingExample, InstructionPair> pairOf = new IdentityHashMap<>();
            TrainingData data;
            if (job.getObjective() == Objective.INSTRUCTION) {
                List<TrainingExample> examples = new ArrayList<>();
                for (TrainingText t : texts) {
                    InstructionPair pair = new InstructionPair(t.instruction(), t.response());
                    for (TrainingExample e : TrainingData.instructions(tokenizer, List.of(pair), s.maxLength())
                            .examples()) {
                        examples.add(e);
                        pairOf.put(e, pair);
                    }
                }
                data = TrainingData.of(examples);
            } else {
                data = TrainingData.causalText(
                        tokenizer, texts.stream().map(TrainingText::document).toList(), s.maxLength());
            }
            if (data.isEmpty()) {
                end(
                        JobStatus.FAILED,
                        null,
                        null,
                        "No record fits the maximum length of " + s.maxLength()
                                + " tokens (each prompt alone fills it): raise the maximum length.",
                        null,
                        null);
                return;
            }
            Path checkpoints = FactoryStorage.checkpoints(id);
            TrainingConfig.Builder config = TrainingConfig.builder()
                    .maxSteps(job.getTotalSteps())
                    .batchSize(s.batchSize())
                    .accumulationSteps(s.accumulation())
                    .learningRate(s.learningRate())
                    .warmupSteps(s.warmupSteps())
                    .validationFraction(s.validationFraction())
                    .evaluateEvery(s.evaluateEvery())
                    .patience(s.patience())
                    .checkpoints(checkpoints, s.checkpointEvery())
                    .seed(s.seed());
            if (job.getResumeFrom() != null && Files.isDirectory(Path.of(job.getResumeFrom()))) {
                config.resumeFrom(Path.of(job.getResumeFrom()));
            }
            try (Adapter adapter = Adapter.create(
                    model, AdapterConfig.of(s.rank(), s.alpha(), s.dropout(), s.targetModules()), s.seed())) {
                Progress progress = new Progress((double) job.getEstimatedTokens() / job.getTotalSteps());
                TrainingRun run = TrainingRun.fineTuning(model, adapter, data, config.build())
                        .addListener(progress);
                training = run;
                if (job.isCancelRequested()) {
                    cancelRequested = true;
                    run.cancel();
                }
                TrainingResult result = run.run();
                progress.flush();
                training = null;
                Double last = progress.lastLoss;
                if (progress.divergedAt > 0) {
                    end(JobStatus.FAILED, null, null, diverged(progress.divergedAt, progress.divergedLoss), null, null);
                    return;
                }
                if (result.status() == TrainingResult.Status.CANCELLED) {
                    if (cancelRequested) {
                        end(
                                JobStatus.CANCELLED,
                                result.finalLoss(),
                                nanToNull(result.validationLoss()),
                                null,
                                null,
                                null);
                    }
                    // otherwise the server is stopping: the job stays RUNNING and resumes from its checkpoint
                    return;
                }
                Path adapterDir = FactoryStorage.adapter(id);
                adapter.save(adapterDir, registered.getName());
                String sha = sha256(adapterDir.resolve(Adapter.WEIGHTS_FILE));
                long evaluating = System.nanoTime();
                String evaluation = evaluate(model, adapter, data, pairOf, s);
                LOG.info(String.format(
                        java.util.Locale.ROOT,
                        "Training run %s: %d steps, %.0f tokens/s, first step %.2f s after launch, evaluation %.1f s",
                        id,
                        result.steps(),
                        progress.lastRate,
                        progress.firstStepSeconds(job),
                        (System.nanoTime() - evaluating) / 1e9));
                end(JobStatus.COMPLETED, result.finalLoss(), nanToNull(result.validationLoss()), null, evaluation, sha);
            }
        } catch (IOException e) {
            end(JobStatus.FAILED, null, null, reason(e), null, null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Training run " + id + " failed", e);
            end(JobStatus.FAILED, null, null, reason(e), null, null);
        }
    }

    /** Base against adapter on the held-out split: loss, perplexity, exact match, token F1, best and worst answers. */
    private String evaluate(
            LanguageModel model,
            Adapter adapter,
            TrainingData data,
            Map<TrainingExample, InstructionPair> pairOf,
            RunSettings s) {
        List<TrainingExample> heldOut =
                data.split(s.validationFraction(), s.seed()).validation().examples();
        String split = "held-out";
        if (heldOut.isEmpty()) {
            heldOut = data.examples().subList(0, Math.min(EVAL_SAMPLES, data.size()));
            split = "training (no validation split)";
        }
        Evaluation evaluation = new Evaluation(model);
        Evaluation.LossReport baseLoss = evaluation.loss(heldOut, null, s.batchSize());
        Evaluation.LossReport adapterLoss = evaluation.loss(heldOut, adapter, s.batchSize());
        JsonObjectBuilder report =
                Json.createObjectBuilder().add("split", split).add("examples", heldOut.size());
        JsonObjectBuilder baseJson =
                Json.createObjectBuilder().add("loss", baseLoss.loss()).add("perplexity", baseLoss.perplexity());
        JsonObjectBuilder adapterJson =
                Json.createObjectBuilder().add("loss", adapterLoss.loss()).add("perplexity", adapterLoss.perplexity());
        List<InstructionPair> pairs = heldOut.stream()
                .map(pairOf::get)
                .filter(p -> p != null)
                .limit(EVAL_SAMPLES)
                .toList();
        if (!pairs.isEmpty()) {
            Evaluation.QaReport b = evaluation.questionAnswering(pairs, null, EVAL_TOKENS);
            Evaluation.QaReport a = evaluation.questionAnswering(pairs, adapter, EVAL_TOKENS);
            baseJson.add("exactMatch", b.exactMatch()).add("tokenF1", b.f1());
            adapterJson.add("exactMatch", a.exactMatch()).add("tokenF1", a.f1());
            record Sample(String prompt, String reference, String base, String adapted, double f1) {}
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                samples.add(new Sample(
                        pairs.get(i).instruction(),
                        pairs.get(i).response(),
                        b.answers().get(i),
                        a.answers().get(i),
                        Evaluation.tokenF1(a.answers().get(i), pairs.get(i).response())));
            }
            samples.sort(Comparator.comparingDouble(Sample::f1).reversed());
            JsonArrayBuilder best = Json.createArrayBuilder();
            JsonArrayBuilder worst = Json.createArrayBuilder();
            int n = Math.min(3, samples.size());
            for (int i = 0; i < n; i++) {
                for (var target : List.of(
                        Map.entry(best, samples.get(i)), Map.entry(worst, samples.get(samples.size() - 1 - i)))) {
                    Sample x = target.getValue();
                    target.getKey()
                            .add(Json.createObjectBuilder()
                                    .add("prompt", x.prompt())
                                    .add("reference", x.reference())
                                    .add("base", x.base())
                                    .add("adapter", x.adapted())
                                    .add("tokenF1", x.f1()));
                }
            }
            report.add("best", best).add("worst", worst);
        }
        return report.add("base", baseJson).add("adapter", adapterJson).build().toString();
    }

    private void end(
            JobStatus status, Double loss, Double validationLoss, String reason, String evaluation, String sha) {
        queue.finish(id, status, loss, validationLoss, reason, evaluation, sha);
    }

    /** Buffers step metrics and writes them at most twice a second, and at each checkpoint. */
    private final class Progress implements TrainingListener {
        private final List<RunMetric> pending = new ArrayList<>();
        private final double tokensPerStep;
        private long lastFlush = System.nanoTime();
        private int step;
        private Double lastLoss;
        private Double pendingValidation;
        private Double lastValidation;
        private int divergedAt;
        private int checkpointStep;
        private double lastRate;
        private java.time.Instant firstStepAt;
        private Path checkpointPath;
        private double divergedLoss;

        Progress(double tokensPerStep) {
            this.tokensPerStep = tokensPerStep;
        }

        @Override
        public void onValidation(int step, double loss) {
            pendingValidation = loss;
            lastValidation = loss;
        }

        @Override
        public void onStep(TrainingProgress p) {
            if (!Double.isFinite(p.loss())) {
                if (divergedAt == 0) {
                    divergedAt = p.step();
                    divergedLoss = p.loss();
                }
                training.cancel();
                return;
            }
            step = p.step();
            lastLoss = p.loss();
            lastRate = p.tokensPerSecond();
            boolean first = firstStepAt == null;
            if (first) firstStepAt = java.time.Instant.now();
            pending.add(new RunMetric(
                    p.step(),
                    p.loss(),
                    p.learningRate(),
                    p.tokensPerSecond(),
                    pendingValidation != null && Double.isFinite(pendingValidation) ? pendingValidation : null));
            pendingValidation = null;
            throughput.measured(p.tokensPerSecond());
            if (checkpointPath != null && checkpointStep == p.step()) {
                // The library announces a checkpoint just before its step's progress: the step's metrics are written
                // first, then the checkpoint with its own step's loss. A crash in between leaves the directory
                // unrecorded, and the run resumes (exactly) from the previous one.
                flush();
                queue.checkpointed(
                        id,
                        checkpointStep,
                        checkpointPath.toString(),
                        p.loss(),
                        lastValidation != null && Double.isFinite(lastValidation) ? lastValidation : null);
                checkpointPath = null;
            } else if (first || System.nanoTime() - lastFlush > FLUSH_NANOS) {
                // The first step at once: builders (and the factory benchmark) see when training really began.
                flush();
            }
        }

        @Override
        public void onCheckpoint(int step, Path checkpoint) {
            checkpointStep = step;
            checkpointPath = checkpoint;
        }

        double firstStepSeconds(TrainingJob job) {
            return firstStepAt == null
                    ? Double.NaN
                    : java.time.Duration.between(job.getQueuedAt(), firstStepAt).toMillis() / 1e3;
        }

        void flush() {
            lastFlush = System.nanoTime();
            long trained = Math.round(step * tokensPerStep);
            boolean cancel = queue.progressed(id, List.copyOf(pending), step, trained);
            pending.clear();
            if (cancel) {
                cancelRequested = true;
                TrainingRun t = training;
                if (t != null) t.cancel();
            }
        }
    }

    private static Double nanToNull(double d) {
        return Double.isFinite(d) ? d : null;
    }

    /** Why a run whose loss stopped being a number failed, and what to do about it. */
    static String diverged(int step, double loss) {
        return "Training diverged: the loss became " + loss + " at step " + step
                + ". Lower the learning rate, or fork from an earlier checkpoint with a smaller one.";
    }

    private static String diskFull() {
        return "The server's disk is full: the run could not write its checkpoints. Free space or ask platform staff,"
                + " then resume the run.";
    }

    /** A failure in words a builder can act on: a full disk says so, anything else gives its cause, clipped. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException || t instanceof IOException) {
                String m = String.valueOf(t.getMessage());
                if (m.contains("No space left") || m.contains("Disk quota")) return diskFull();
            }
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "Training failed: " + (m.length() > 500 ? m.substring(0, 500) + "…" : m);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
