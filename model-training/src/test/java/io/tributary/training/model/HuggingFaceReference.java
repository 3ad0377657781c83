package io.tributary.training.model;

import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/python/hf_reference.py}, the NumPy reference that writes tiny random Hugging Face checkpoints
 * and computes their logits independently of this library.
 */
final class HuggingFaceReference {

    private static final Path SCRIPT = Path.of("src/test/python/hf_reference.py");
    private static String python;

    private HuggingFaceReference() {}

    /** A python3 with NumPy (Debian's python3-numpy in CI), or the test is skipped. */
    static synchronized String python() {
        if (python == null) {
            for (String candidate : List.of("/usr/bin/python3", "python3")) {
                try {
                    Process p = new ProcessBuilder(candidate, "-c", "import numpy")
                            .redirectErrorStream(true)
                            .start();
                    p.getInputStream().readAllBytes();
                    if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        python = candidate;
                        break;
                    }
                } catch (IOException e) {
                    // not installed: try the next one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (python == null) {
                python = "";
            }
        }
        assumeThat(python)
                .as("the NumPy reference needs python3 with numpy (Debian package python3-numpy)")
                .isNotEmpty();
        return python;
    }

    /** Writes a tiny random checkpoint folder of {@code kind}: gpt2, llama, qwen2, mistral or smollm. */
    static Path write(String kind, Path directory, long seed) throws Exception {
        run(python(), SCRIPT.toString(), "write", kind, directory.toString(), Long.toString(seed));
        return directory;
    }

    /** The reference logits [time][vocab] of a folder for a token sequence. */
    static double[][] logits(Path directory, int[] tokens) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int t : tokens) {
            ids.add(Integer.toString(t));
        }
        String out = run(python(), SCRIPT.toString(), "logits", directory.toString(), String.join(",", ids));
        JsonArray rows = JsonParser.parseString(out).getAsJsonArray();
        double[][] result = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            result[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                result[i][j] = row.get(j).getAsDouble();
            }
        }
        return result;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("The NumPy reference failed: " + String.join(" ", command));
        }
        return out;
    }
}
