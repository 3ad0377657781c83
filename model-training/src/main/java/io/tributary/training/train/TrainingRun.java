package io.tributary.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import io.tributary.training.lora.Adapter;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.model.internal.Autograd;
import io.tributary.training.model.internal.LoraRoute;
import io.tributary.training.train.internal.AdamW;
import io.tributary.training.train.internal.Batch;
import io.tributary.training.train.internal.Checkpoint;
import io.tributary.training.train.internal.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One training run: pretraining every base weight, or fine-tuning a LoRA adapter with the base frozen. Data order,
 * splits and dropout derive from the seed and the step number only, so a run resumed from a checkpoint continues
 * the same loss curve as an uninterrupted one.
 */
public final class TrainingRun {

    private final LanguageModel model;
    private final Adapter adapter;
    private final TrainingData data;
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Runnable forwardHook;

    private TrainingRun(LanguageModel model, Adapter adapter, TrainingData data, TrainingConfig config) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("The training data set is empty");
        }
        this.model = model;
        this.adapter = adapter;
        this.data = data;
        this.config = config;
    }

    /** Causal-LM training of all of the model's weights. */
    public static TrainingRun pretraining(LanguageModel model, TrainingData data, TrainingConfig config) {
        return new TrainingRun(model, null, data, config);
    }

    /** Training of {@code adapter} only; the model's weights stay bit-identical. */
    public static TrainingRun fineTuning(
            LanguageModel model, Adapter adapter, TrainingData data, TrainingConfig config) {
        return new TrainingRun(model, adapter, data, config);
    }

    public TrainingRun addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Runs {@code hook} inside every training forward pass, while gradients are recorded; for tests. */
    void forwardHook(Runnable hook) {
        this.forwardHook = hook;
    }

    /** Asks the run to stop after the current step; safe from any thread. */
    public void cancel() {
        cancelled.set(true);
    }

    private Map<String, NDArray> trainable() {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        if (adapter != null) {
            tensors.putAll(adapter.tensors());
        } else {
            for (Map.Entry<String, Parameter> e :
                    model.network().parametersByName().entrySet()) {
                tensors.put(e.getKey(), e.getValue().getArray());
            }
        }
        return tensors;
    }

    /** Runs to the end, to early stopping or to cancellation. */
    public TrainingResult run() throws IOException {
        TrainingData.Split split = data.split(config.validationFraction(), config.seed());
        List<TrainingExample> train = split.training().examples();
        List<TrainingExample> validation = split.validation().examples();
        int padId = model.config().endOfTextId();
        int batchesPerEpoch = Math.max(1, train.size() / config.batchSize());
        LearningRateSchedule schedule = new LearningRateSchedule(
                config.learningRate(), config.minLearningRateRatio(), config.warmupSteps(), config.maxSteps());
        NDManager manager = model.manager();
        Map<String, NDArray> parameters = trainable();
        if (adapter != null) {
            // Base weights take no gradient at all: they cannot change, and backward does less work.
            model.network().freezeParameters(true);
        } else {
            model.network().freezeParameters(false);
        }
        parameters.values().forEach(p -> p.setRequiresGradient(true));
        LoraRoute route = adapter == null ? null : adapter.route();

        Checkpoint.State state = new Checkpoint.State();
        state.seed = config.seed();
        try (Autograd.Mode notRecording = Autograd.pause();
                AdamW optimizer =
                        new AdamW(manager, config.beta1(), config.beta2(), config.epsilon(), config.weightDecay())) {
            if (config.resumeFrom() != null) {
                state = resume(Checkpoint.resolve(config.resumeFrom()), parameters, optimizer);
            }
            TrainingResult.Status status = TrainingResult.Status.COMPLETED;
            long started = System.nanoTime();
            long tokensSeen = 0;
            int firstStep = state.step + 1;
            for (int step = firstStep; step <= config.maxSteps(); step++) {
                if (cancelled.get()) {
                    status = TrainingResult.Status.CANCELLED;
                    break;
                }
                double lr = schedule.at(step);
                double loss;
                int tokens = 0;
                try (NDScope ignored = new NDScope()) {
                    zeroGradients(parameters);
                    double total = 0;
                    int micros = config.accumulationSteps();
                    List<Batch> batches = new ArrayList<>(micros);
                    double weightSum = 0;
                    for (int micro = 0; micro < micros; micro++) {
                        long microIndex = (long) (step - 1) * micros + micro;
                        Batch batch = new Batch(batchAt(train, microIndex, batchesPerEpoch), padId);
                        batches.add(batch);
                        weightSum += batch.weightSum();
                    }
                    for (int micro = 0; micro < micros; micro++) {
                        long microIndex = (long) (step - 1) * micros + micro;
                        Batch batch = batches.get(micro);
                        // Dropout draws from this run's generator, a function of the seed and the micro-batch, so
                        // resumes are exact and concurrent runs never disturb each other.
                        LoraRoute microRoute = adapter == null
                                ? null
                                : adapter.route(new SplittableRandom(config.seed() * 1_000_003L + microIndex));
                        try (Autograd.Mode recording = Autograd.record()) {
                            Runnable hook = forwardHook;
                            if (hook != null) {
                                hook.run();
                            }
                            // Every micro-batch divides by the whole step's weight: the accumulated loss is the
                            // mean over all tokens of the effective batch, as one large batch would give.
                            NDArray microLoss =
                                    batch.loss(model.network(), manager, microRoute, true, Math.max(1e-9, weightSum));
                            Autograd.backward(microLoss);
                            total += microLoss.getFloat();
                        }
                        tokens += batch.realTokens();
                    }
                    loss = total;
                    double scale = 1.0;
                    if (config.maxGradientNorm() > 0) {
                        double norm = gradientNorm(parameters);
                        if (norm > config.maxGradientNorm()) {
                            scale = config.maxGradientNorm() / (norm + 1e-6);
                        }
                    }
                    optimizer.update(parameters, step, lr, scale);
                }
                tokensSeen += tokens;
                state.step = step;
                state.losses.add(loss);
                boolean stop = false;
                boolean last = step == config.maxSteps();
                if (!validation.isEmpty()
                        && ((config.evaluateEvery() > 0 && step % config.evaluateEvery() == 0) || last)) {
                    double validationLoss = validationLoss(validation, route, padId);
                    state.lastValidationLoss = validationLoss;
                    if (Double.isNaN(state.bestValidationLoss) || validationLoss < state.bestValidationLoss) {
                        state.bestValidationLoss = validationLoss;
                        state.validationsWithoutImprovement = 0;
                    } else {
                        state.validationsWithoutImprovement++;
                    }
                    for (TrainingListener l : listeners) {
                        l.onValidation(step, validationLoss);
                    }
                    stop = config.patience() > 0 && state.validationsWithoutImprovement >= config.patience();
                }
                if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
                    Path written = Checkpoint.write(config.checkpointDirectory(), parameters, optimizer, state);
                    for (TrainingListener l : listeners) {
                        l.onCheckpoint(step, written);
                    }
                }
                double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
                int done = step - firstStep + 1;
                Duration eta = Duration.ofMillis((long) (seconds / done * (config.maxSteps() - step) * 1000));
                TrainingProgress progress =
                        new TrainingProgress(step, config.maxSteps(), loss, lr, tokensSeen / seconds, eta);
                for (TrainingListener l : listeners) {
                    l.onStep(progress);
                }
                if (stop) {
                    status = TrainingResult.Status.EARLY_STOPPED;
                    break;
                }
            }
            if (status == TrainingResult.Status.COMPLETED && cancelled.get() && state.step < config.maxSteps()) {
                status = TrainingResult.Status.CANCELLED;
            }
            TrainingResult result = new TrainingResult(
                    status, state.step, List.copyOf(state.losses), state.lastValidationLoss, state.bestValidationLoss);
            for (TrainingListener l : listeners) {
                l.onFinish(result);
            }
            return result;
        } finally {
            parameters.values().forEach(p -> p.setRequiresGradient(false));
            model.network().freezeParameters(true);
        }
    }

    private Checkpoint.State resume(Path checkpoint, Map<String, NDArray> parameters, AdamW optimizer)
            throws IOException {
        Checkpoint.State state = Checkpoint.readState(checkpoint);
        if (state.seed != config.seed()) {
            throw new IllegalArgumentException(
                    "Checkpoint " + checkpoint + " was made with seed " + state.seed + ", not " + config.seed());
        }
        try (NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> saved = Checkpoint.readTensors(checkpoint, scratch);
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray value = saved.get(e.getKey());
                if (value == null || !value.getShape().equals(e.getValue().getShape())) {
                    throw new IllegalArgumentException(
                            "Checkpoint " + checkpoint + " does not match this run's tensor " + e.getKey());
                }
                e.getValue().set(value.toByteBuffer());
            }
        }
        optimizer.load(checkpoint.resolve(Checkpoint.OPTIMIZER));
        return state;
    }

    private List<TrainingExample> batchAt(List<TrainingExample> train, long microIndex, int batchesPerEpoch) {
        long epoch = microIndex / batchesPerEpoch;
        int index = (int) (microIndex % batchesPerEpoch);
        List<Integer> order = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(config.seed() * 31 + epoch));
        List<TrainingExample> batch = new ArrayList<>(config.batchSize());
        for (int i = 0; i < config.batchSize(); i++) {
            batch.add(train.get(order.get((index * config.batchSize() + i) % train.size())));
        }
        return batch;
    }

    private static void zeroGradients(Map<String, NDArray> parameters) {
        for (NDArray p : parameters.values()) {
            try (NDArray g = p.getGradient()) {
                g.subi(g);
            }
        }
    }

    private static double gradientNorm(Map<String, NDArray> parameters) {
        double sum = 0;
        for (NDArray p : parameters.values()) {
            try (NDArray g = p.getGradient();
                    NDArray squared = g.square();
                    NDArray total = squared.sum()) {
                sum += total.getFloat();
            }
        }
        return Math.sqrt(sum);
    }

    private double validationLoss(List<TrainingExample> validation, LoraRoute route, int padId) {
        double weighted = 0;
        double weights = 0;
        for (int start = 0; start < validation.size(); start += config.batchSize()) {
            Batch batch = new Batch(
                    validation.subList(start, Math.min(validation.size(), start + config.batchSize())), padId);
            if (batch.weightSum() == 0) {
                continue;
            }
            try (NDScope ignored = new NDScope()) {
                NDArray loss = batch.loss(model.network(), model.manager(), route, false, 1.0);
                weighted += loss.getFloat();
                weights += batch.weightSum();
            }
        }
        return weights == 0 ? Double.NaN : weighted / weights;
    }
}
