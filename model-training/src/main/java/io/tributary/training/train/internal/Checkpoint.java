package io.tributary.training.train.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.tributary.training.model.internal.SafeTensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A checkpoint directory: the trained tensors, the optimiser state and the run's counters. */
public final class Checkpoint {

    public static final String TENSORS = "trainable.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String STATE = "state.json";

    /** Counters that, with the tensors, let a run continue exactly where it stopped. */
    public static final class State {
        public int step;
        public long seed;
        public double bestValidationLoss = Double.NaN;
        public double lastValidationLoss = Double.NaN;
        public int validationsWithoutImprovement;
        public List<Double> losses = new ArrayList<>();
    }

    private Checkpoint() {}

    public static Path write(Path root, Map<String, NDArray> tensors, AdamW optimizer, State state) throws IOException {
        Path dir = root.resolve(String.format("step-%08d", state.step));
        Path partial = root.resolve(dir.getFileName() + ".partial");
        Files.createDirectories(partial);
        SafeTensors.write(partial.resolve(TENSORS), tensors);
        optimizer.save(partial.resolve(OPTIMIZER));
        Files.writeString(partial.resolve(STATE), gson().toJson(state), StandardCharsets.UTF_8);
        // Renaming last means a crash mid-write never leaves a checkpoint that looks complete.
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
        Files.move(partial, dir);
        return dir;
    }

    /** The checkpoint itself, or the latest {@code step-*} inside a directory of checkpoints. */
    public static Path resolve(Path path) throws IOException {
        if (Files.isRegularFile(path.resolve(STATE))) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new IOException("Checkpoint not found: " + path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(p -> p.getFileName().toString().matches("step-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve(STATE)))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new IOException("No checkpoint in " + path));
        }
    }

    public static State readState(Path checkpoint) throws IOException {
        return gson().fromJson(Files.readString(checkpoint.resolve(STATE), StandardCharsets.UTF_8), State.class);
    }

    public static Map<String, NDArray> readTensors(Path checkpoint, NDManager manager) throws IOException {
        return SafeTensors.read(checkpoint.resolve(TENSORS), manager);
    }

    private static Gson gson() {
        return new GsonBuilder()
                .serializeSpecialFloatingPointValues()
                .setPrettyPrinting()
                .create();
    }
}
