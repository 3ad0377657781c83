package io.tributary.training.cli.internal;

import com.google.gson.JsonObject;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.serving.AdapterCache;
import io.tributary.training.serving.AdapterServer;
import io.tributary.training.serving.ServingRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decode cost per token on the shipped base: one sequence decoded greedily, and eight sequences decoded together by
 * the adapter server. Wall time and the measuring thread's CPU time are both reported, because on a shared machine
 * the wall time includes waiting for a core.
 */
final class DecodeSpeed {

    private static final int PASSES = 5;
    private static final int NEW_TOKENS = 100;
    private static final int BATCH = 8;

    private DecodeSpeed() {}

    static JsonObject measure(PrintStream log) throws IOException {
        Path base = Files.isDirectory(Path.of("model-training/base-model"))
                ? Path.of("model-training/base-model")
                : Path.of("base-model");
        JsonObject o = new JsonObject();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LanguageModel model = LanguageModel.load(base)) {
            Generator generator = new Generator(model);
            GenerationConfig config = GenerationConfig.builder()
                    .maxNewTokens(NEW_TOKENS)
                    .stopAtEndOfText(false)
                    .build();
            String prompt = "And God said";
            generator.generate(prompt, config);
            double bestWall = Double.MAX_VALUE;
            double bestCpu = Double.MAX_VALUE;
            for (int pass = 0; pass < PASSES; pass++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                Generation g = generator.generate(prompt, config);
                bestWall = Math.min(bestWall, (System.nanoTime() - start) / 1e6 / g.tokens().length);
                bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / g.tokens().length);
            }
            o.addProperty("model", "shipped base (GPT-2, 4 layers, width 128, context 128)");
            o.addProperty("single", "one sequence, greedy, KV cache, 3-token prompt, " + NEW_TOKENS + " new tokens");
            o.addProperty("singleMsPerToken", round(bestWall));
            o.addProperty("singleCpuMsPerToken", round(bestCpu));
            log.printf("decode, one sequence: %.3f ms/token (%.3f ms CPU)%n", bestWall, bestCpu);

            try (AdapterCache cache = new AdapterCache(
                            model,
                            id -> {
                                throw new IOException("no adapters here");
                            },
                            1,
                            1);
                    AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, BATCH)) {
                String[] prompts = {"And God said", "In the beginning", "The LORD is", "Jesus answered"};
                serve(server, prompts, config);
                double stepWall = Double.MAX_VALUE;
                double stepCpu = Double.MAX_VALUE;
                for (int pass = 0; pass < PASSES; pass++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    int tokens = serve(server, prompts, config);
                    // Every sequence gets one token per scheduler step: steps = tokens / batch.
                    double steps = tokens / (double) BATCH;
                    stepWall = Math.min(stepWall, (System.nanoTime() - start) / 1e6 / steps);
                    stepCpu = Math.min(stepCpu, (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / steps);
                }
                o.addProperty("batched", BATCH + " sequences decoded together (continuous batching), base only");
                o.addProperty("batchedMsPerStep", round(stepWall));
                o.addProperty("batchedMsPerToken", round(stepWall / BATCH));
                o.addProperty("batchedCpuMsPerStep", round(stepCpu));
                log.printf(
                        "decode, %d sequences: %.3f ms/step, %.3f ms/token (%.3f ms CPU per step)%n",
                        BATCH, stepWall, stepWall / BATCH, stepCpu);
            }
        }
        return o;
    }

    private static int serve(AdapterServer server, String[] prompts, GenerationConfig config) {
        List<CompletableFuture<Generation>> futures = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            futures.add(server.submit(ServingRequest.of(prompts[i % prompts.length], null, config)));
        }
        server.runUntilIdle();
        int tokens = 0;
        for (CompletableFuture<Generation> f : futures) {
            tokens += f.join().tokens().length;
        }
        return tokens;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
