package io.tributary.training.cli.internal;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import io.tributary.training.generate.Generator;
import io.tributary.training.lora.Adapter;
import io.tributary.training.lora.AdapterConfig;
import io.tributary.training.model.LanguageModel;
import io.tributary.training.serving.AdapterCache;
import io.tributary.training.serving.AdapterCacheSnapshot;
import io.tributary.training.serving.AdapterServer;
import io.tributary.training.serving.AdapterSource;
import io.tributary.training.serving.ResidentAdapter;
import io.tributary.training.serving.ServingRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Hosted multi-adapter serving on the shipped base, the way the platform serves published models: adapters of ranks
 * 4, 8 and 16 written to disk as PEFT folders and read back on demand by the adapter cache, a resident byte budget
 * smaller than the adapters in use (so loads and evictions happen), closed-loop clients each waiting for its answer
 * before sending the next request. Baselines in the same run: the base model alone under the same load, and one
 * merged model per adapter answering one request at a time.
 */
final class MultiAdapterServing {

    private static final int[] RANKS = {4, 8, 16};
    private static final String[] PROMPTS = {
        "The database stores",
        "A contract clause that",
        "In the beginning",
        "The patient was given",
        "To configure the server,",
        "An index makes queries",
        "The word means",
        "Python lists are"
    };

    private final boolean quick;
    private final PrintStream log;

    MultiAdapterServing(boolean quick, PrintStream log) {
        this.quick = quick;
        this.log = log;
    }

    JsonObject measure(List<Integer> adapterCounts) throws IOException {
        Path base = Files.isDirectory(Path.of("model-training/base-model"))
                ? Path.of("model-training/base-model")
                : Path.of("base-model");
        int clients = 32;
        int baseRequests = quick ? 200 : 400;
        int newTokens = 16;
        int mergedRequests = quick ? 16 : 48;
        GenerationConfig config = GenerationConfig.builder()
                .maxNewTokens(newTokens)
                .stopAtEndOfText(false)
                .seed(7)
                .build();
        JsonObject o = new JsonObject();
        o.addProperty("model", "shipped base (GPT-2 family, 4 layers, width 128, context 256, vocabulary 8192)");
        o.addProperty(
                "workload",
                "max(" + baseRequests + ", N) requests per run, " + clients
                        + " closed-loop clients (each sends its next request when"
                        + " the previous answer is complete), up to " + clients + " sequences decoded together, "
                        + newTokens + " new tokens each, short English prompts; request i uses adapter i mod N"
                        + " shuffled, so every adapter is used");
        o.addProperty(
                "adapters",
                "LoRA on every projection, ranks 4, 8 and 16 in turn, random weights, written as PEFT folders"
                        + " (adapter_config.json + adapter_model.safetensors) and loaded on demand from disk");
        Path dir = Files.createTempDirectory("tributary-serving-bench");
        try (LanguageModel model = LanguageModel.load(base)) {
            int count = Collections.max(adapterCounts);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int rank = RANKS[i % RANKS.length];
                try (Adapter adapter = randomAdapter(model, rank, i)) {
                    adapter.save(dir.resolve(id(i)), "tributary-base");
                }
            }
            log.printf("serving: wrote %d adapters in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
            o.add("diskBytesByRank", diskBytesByRank(dir));
            o.add("coldLoadByRank", coldLoads(model, dir, count));

            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < Math.max(baseRequests, count); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(3));

            Run baseFirst = serve(model, dir, null, 1, baseRequests, clients, config, order);
            JsonArray rows = new JsonArray();
            List<Run> runs = new ArrayList<>();
            for (int n : adapterCounts) {
                Run run = serve(model, dir, n, budgetAdapters(n), Math.max(baseRequests, n), clients, config, order);
                runs.add(run);
            }
            Run baseLast = serve(model, dir, null, 1, baseRequests, clients, config, order);
            Run baseOnly = baseFirst.tokensPerSecond >= baseLast.tokensPerSecond ? baseFirst : baseLast;
            double[] mergedRates = mergedOneAtATime(model, dir, mergedRequests, config);
            double merged = mergedRates[0];
            double mergedCpu = mergedRates[1];
            JsonObject baseJson = baseOnly.toJson();
            baseJson.addProperty("firstRunTokensPerSecond", round(baseFirst.tokensPerSecond));
            baseJson.addProperty("lastRunTokensPerSecond", round(baseLast.tokensPerSecond));
            baseJson.addProperty("note", "base-only ran before and after the adapter runs; the faster run counts");
            o.add("baseOnly", baseJson);
            JsonObject mergedJson = new JsonObject();
            mergedJson.addProperty(
                    "workload",
                    mergedRequests + " requests, one at a time, each on a model with its own adapter merged into"
                            + " the weights (merging not timed: one merged model per adapter is kept ready)");
            mergedJson.addProperty("tokensPerSecond", round(merged));
            mergedJson.addProperty("tokensPerCpuSecond", round(mergedCpu));
            o.add("mergedOnePerAdapter", mergedJson);
            for (Run run : runs) {
                JsonObject row = run.toJson();
                row.addProperty("vsBaseOnly", round3(run.tokensPerSecond / baseOnly.tokensPerSecond));
                row.addProperty("vsBaseOnlyPerCpuSecond", round3(run.tokensPerCpuSecond / baseOnly.tokensPerCpuSecond));
                row.addProperty("vsMergedOnePerAdapter", round3(run.tokensPerSecond / merged));
                row.addProperty("vsMergedOnePerAdapterPerCpuSecond", round3(run.tokensPerCpuSecond / mergedCpu));
                rows.add(row);
            }
            o.add("results", rows);
            o.add("goals", goals(runs, baseOnly, merged, mergedCpu, o.getAsJsonObject("coldLoadByRank")));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        o.add("decode", decodeAgainstBefore());
        return o;
    }

    /** Adapters the byte budget holds: half of those in use, at most 64 (and at least one). */
    private static int budgetAdapters(int distinct) {
        return Math.max(1, Math.min(64, distinct / 2));
    }

    private static String id(int i) {
        return "adapter-" + i;
    }

    private Adapter randomAdapter(LanguageModel model, int rank, long seed) {
        Adapter adapter = Adapter.create(
                model, AdapterConfig.of(rank, 2.0 * rank, 0, model.network().allProjectionTargets()), seed);
        Random r = new Random(seed);
        for (Map.Entry<String, NDArray> e : adapter.tensors().entrySet()) {
            if (e.getKey().contains("lora_B")) {
                float[] values = new float[(int) e.getValue().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (r.nextGaussian() * 0.02);
                }
                e.getValue().set(values);
            }
        }
        return adapter;
    }

    private static JsonObject diskBytesByRank(Path dir) throws IOException {
        JsonObject o = new JsonObject();
        for (int i = 0; i < RANKS.length; i++) {
            Path folder = dir.resolve(id(i));
            long bytes;
            try (Stream<Path> files = Files.list(folder)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            o.addProperty("rank" + RANKS[i], bytes);
        }
        return o;
    }

    /**
     * Cold loads alone, per rank: the adapter cache reading each adapter from its folder into serving memory (the
     * same path a request's miss takes), and the bytes each resident adapter occupies.
     */
    private JsonObject coldLoads(LanguageModel model, Path dir, int count) throws IOException {
        int perRank = Math.min(quick ? 30 : 100, Math.max(1, count / RANKS.length));
        JsonObject o = new JsonObject();
        try (AdapterCache cache = new AdapterCache(model, AdapterSource.directory(dir, model), 4, 16)) {
            // Warm up the file and tensor code paths once.
            cache.load(id(0));
            cache.unload(id(0));
            for (int r = 0; r < RANKS.length; r++) {
                List<Double> millis = new ArrayList<>();
                long bytes = 0;
                for (int k = 0; k < perRank; k++) {
                    int i = r + k * RANKS.length;
                    if (i >= count) {
                        break;
                    }
                    long start = System.nanoTime();
                    cache.load(id(i));
                    millis.add((System.nanoTime() - start) / 1e6);
                    bytes = cache.resident().stream()
                            .filter(a -> a.id().equals(id(i)))
                            .mapToLong(ResidentAdapter::bytes)
                            .sum();
                    cache.unload(id(i));
                }
                JsonObject rank = new JsonObject();
                rank.addProperty("loads", millis.size());
                rank.addProperty("p50Ms", round3(percentile(millis, 0.50)));
                rank.addProperty("p99Ms", round3(percentile(millis, 0.99)));
                rank.addProperty("maxMs", round3(percentile(millis, 1.0)));
                rank.addProperty("residentBytes", bytes);
                o.add("rank" + RANKS[r], rank);
                log.printf(
                        "serving: cold load rank %d: p50 %.2f ms, p99 %.2f ms, %d bytes resident%n",
                        RANKS[r], percentile(millis, 0.5), percentile(millis, 0.99), bytes);
            }
        }
        return o;
    }

    /** One closed-loop run; {@code distinct} null serves the base model alone. */
    private Run serve(
            LanguageModel model,
            Path dir,
            Integer distinct,
            int budgetAdapters,
            int requests,
            int clients,
            GenerationConfig config,
            List<Integer> order)
            throws IOException {
        // The budget in bytes: that many adapters of the average size of those in use.
        long averageBytes = averageAdapterBytes(model, distinct == null ? 1 : distinct);
        long budget = budgetAdapters * averageBytes;
        long[] submitted = new long[requests];
        long[] first = new long[requests];
        long[] finished = new long[requests];
        int[] tokens = new int[requests];
        AtomicInteger failures = new AtomicInteger();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        // The server's own threads (scheduler and adapter loader), whose CPU time is the cost of serving: steadier
        // than wall time on a shared machine, where other processes take the cores for a while.
        List<Thread> serving = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ThreadFactory threads = task -> {
            Thread t = new Thread(task, "bench-serving-" + serving.size());
            t.setDaemon(true);
            serving.add(t);
            return t;
        };
        try (AdapterCache cache = new AdapterCache(model, AdapterSource.directory(dir, model), 4096, 16, budget);
                AdapterServer server = new AdapterServer(model, model.requireTokenizer(), cache, clients, threads)) {
            server.start();
            // Warm-up: a few requests not counted.
            warmUp(server, distinct, config);
            AtomicInteger next = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(requests);
            long cpuStart = cpu(serving);
            long start = System.nanoTime();
            class Client {
                void send() {
                    int i = next.getAndIncrement();
                    if (i >= requests) {
                        return;
                    }
                    String adapter = distinct == null ? null : id(order.get(i) % distinct);
                    submitted[i] = System.nanoTime();
                    server.submit(new ServingRequest(PROMPTS[i % PROMPTS.length], adapter, config, (t, text) -> {
                                if (first[i] == 0) {
                                    first[i] = System.nanoTime();
                                }
                            }))
                            .whenComplete((g, e) -> {
                                finished[i] = System.nanoTime();
                                if (e == null) {
                                    tokens[i] = g.tokens().length;
                                } else {
                                    failures.incrementAndGet();
                                    if (errors.size() < 3) {
                                        errors.add(String.valueOf(e.getMessage()));
                                    }
                                }
                                done.countDown();
                                send();
                            });
                }
            }
            for (int c = 0; c < clients; c++) {
                new Client().send();
            }
            try {
                if (!done.await(30, TimeUnit.MINUTES)) {
                    throw new IOException("The serving run did not finish in 30 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpu(serving) - cpuStart) / 1e9;
            Run run = new Run(distinct, budget, averageBytes);
            run.cpuSeconds = cpuSeconds;
            run.requests = requests;
            run.failures = failures.get();
            run.errors = errors;
            int total = 0;
            for (int i = 0; i < requests; i++) {
                total += tokens[i];
                if (first[i] > 0) {
                    run.ttft.add((first[i] - submitted[i]) / 1e6);
                    if (tokens[i] > 1) {
                        run.tpot.add((finished[i] - first[i]) / 1e6 / (tokens[i] - 1));
                    }
                }
            }
            run.tokens = total;
            run.seconds = seconds;
            run.tokensPerSecond = total / seconds;
            run.tokensPerCpuSecond = total / cpuSeconds;
            run.snapshot = cache.snapshot();
            log.printf(
                    "serving %s: %.0f tokens/s (%.0f per CPU second), TTFT p50 %.1f ms p99 %.1f ms, %.2f ms/output token, %d loads, %d"
                            + " evictions, %d failures%n",
                    distinct == null ? "base only" : distinct + " adapters",
                    run.tokensPerSecond,
                    run.tokensPerCpuSecond,
                    percentile(run.ttft, 0.5),
                    percentile(run.ttft, 0.99),
                    percentile(run.tpot, 0.5),
                    run.snapshot.loads(),
                    run.snapshot.evictions(),
                    run.failures);
            return run;
        }
    }

    /** CPU time the threads have used so far, in nanoseconds. */
    private static long cpu(List<Thread> threads) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        synchronized (threads) {
            for (Thread t : threads) {
                long ns = mx.getThreadCpuTime(t.getId());
                if (ns > 0) {
                    total += ns;
                }
            }
        }
        return total;
    }

    private static void warmUp(AdapterServer server, Integer distinct, GenerationConfig config) {
        List<java.util.concurrent.CompletableFuture<Generation>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(server.submit(ServingRequest.of(
                    PROMPTS[i],
                    distinct == null ? null : id(i % distinct),
                    config.toBuilder().maxNewTokens(4).build())));
        }
        futures.forEach(f -> f.exceptionally(e -> null).join());
    }

    private long averageAdapterBytes(LanguageModel model, int distinct) {
        long total = 0;
        int counted = 0;
        for (int i = 0; i < Math.min(distinct, RANKS.length); i++) {
            total += bytesOf(model, RANKS[i]);
            counted++;
        }
        return total / counted;
    }

    private static long bytesOf(LanguageModel model, int rank) {
        // A rank-r LoRA on a projection in -> out holds r x (in + out) float32 values.
        long values = 0;
        try (Adapter probe = Adapter.create(
                model, AdapterConfig.of(rank, 2.0 * rank, 0, model.network().allProjectionTargets()), 0)) {
            values = probe.parameterCount();
        }
        return values * Float.BYTES;
    }

    /**
     * Tokens per second and per CPU second of one request at a time, each on a model with that request's adapter
     * merged into the weights.
     */
    private double[] mergedOneAtATime(LanguageModel model, Path dir, int requests, GenerationConfig config)
            throws IOException {
        Generator generator = new Generator(model);
        double seconds = 0;
        double cpuSeconds = 0;
        int tokens = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < requests; i++) {
            try (Adapter adapter = Adapter.load(dir.resolve(id(i)), model)) {
                model.merge(adapter);
                try {
                    long cpu = mx.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    Generation g = generator.generate(PROMPTS[i % PROMPTS.length], config);
                    seconds += (System.nanoTime() - start) / 1e9;
                    cpuSeconds += (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
                    tokens += g.tokens().length;
                } finally {
                    model.unmerge();
                }
            }
        }
        double rate = tokens / seconds;
        log.printf(
                "serving: merged model per adapter, one request at a time: %.0f tokens/s (%.0f per CPU second)%n",
                rate, tokens / cpuSeconds);
        return new double[] {rate, tokens / cpuSeconds};
    }

    private JsonObject goals(List<Run> runs, Run baseOnly, double merged, double mergedCpu, JsonObject coldLoads) {
        JsonObject o = new JsonObject();
        Run hundred = runs.stream()
                .filter(r -> r.distinct != null && r.distinct == 100)
                .findFirst()
                .orElse(null);
        if (hundred != null) {
            double vsBase = hundred.tokensPerSecond / baseOnly.tokensPerSecond;
            double vsMerged = hundred.tokensPerSecond / merged;
            o.add("at100AdaptersVsBaseOnly", goal(vsBase, ">= 0.8", vsBase >= 0.8));
            o.add("at100AdaptersVsMergedOnePerAdapter", goal(vsMerged, ">= 3", vsMerged >= 3));
            double vsBaseCpu = hundred.tokensPerCpuSecond / baseOnly.tokensPerCpuSecond;
            double vsMergedCpu = hundred.tokensPerCpuSecond / mergedCpu;
            o.add("at100AdaptersVsBaseOnlyPerCpuSecond", goal(vsBaseCpu, ">= 0.8", vsBaseCpu >= 0.8));
            o.add("at100AdaptersVsMergedOnePerAdapterPerCpuSecond", goal(vsMergedCpu, ">= 3", vsMergedCpu >= 3));
        }
        if (coldLoads.has("rank8")) {
            double p99 = coldLoads.getAsJsonObject("rank8").get("p99Ms").getAsDouble();
            o.add("coldLoadRank8P99Ms", goal(p99, "< 50", p99 < 50));
        }
        return o;
    }

    private static JsonObject goal(double value, String target, boolean met) {
        JsonObject o = new JsonObject();
        o.addProperty("value", round3(value));
        o.addProperty("target", target);
        o.addProperty("met", met);
        return o;
    }

    /** Decode cost per token now, against the "before" figures kept in the decode benchmark's JSON. */
    private JsonObject decodeAgainstBefore() throws IOException {
        JsonObject now = DecodeSpeed.measure(log);
        Path file = Files.isDirectory(Path.of("model-training/bench"))
                ? Path.of("model-training/bench/2026-12-06-decode-before-after-shared.json")
                : Path.of("bench/2026-12-06-decode-before-after-shared.json");
        if (!Files.exists(file)) {
            return now;
        }
        JsonObject summary =
                JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonObject("summary");
        JsonObject ratios = new JsonObject();
        for (String key : List.of("singleMsPerToken", "singleCpuMsPerToken", "batchedMsPerToken")) {
            double before = summary.getAsJsonObject(key).get("before").getAsDouble();
            JsonObject r = new JsonObject();
            r.addProperty("before", before);
            r.addProperty("now", now.get(key).getAsDouble());
            r.addProperty("beforeOverNow", round3(before / now.get(key).getAsDouble()));
            ratios.add(key, r);
        }
        ratios.addProperty("source", "before: " + file.getFileName() + " (summary.*.before)");
        ratios.addProperty("goal", "at least 3x better than before");
        now.add("againstBefore", ratios);
        return now;
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** What one serving run measured. */
    private static final class Run {
        final Integer distinct;
        final long budgetBytes;
        final long averageBytes;
        int requests;
        int failures;
        List<String> errors = List.of();
        int tokens;
        double seconds;
        double tokensPerSecond;
        double cpuSeconds;
        double tokensPerCpuSecond;
        final List<Double> ttft = new ArrayList<>();
        final List<Double> tpot = new ArrayList<>();
        AdapterCacheSnapshot snapshot;

        Run(Integer distinct, long budgetBytes, long averageBytes) {
            this.distinct = distinct;
            this.budgetBytes = budgetBytes;
            this.averageBytes = averageBytes;
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            if (distinct != null) {
                o.addProperty("distinctAdapters", distinct);
                o.addProperty("residentBudgetBytes", budgetBytes);
                o.addProperty("residentBudgetInAverageAdapters", budgetBytes / averageBytes);
            }
            o.addProperty("requests", requests);
            o.addProperty("failedRequests", failures);
            if (!errors.isEmpty()) {
                o.addProperty("firstErrors", String.join(" | ", errors));
            }
            o.addProperty("outputTokens", tokens);
            o.addProperty("seconds", round3(seconds));
            o.addProperty("tokensPerSecond", round(tokensPerSecond));
            o.addProperty("servingThreadsCpuSeconds", round3(cpuSeconds));
            o.addProperty("tokensPerCpuSecond", round(tokensPerCpuSecond));
            o.addProperty("timeToFirstTokenP50Ms", round3(percentile(ttft, 0.5)));
            o.addProperty("timeToFirstTokenP99Ms", round3(percentile(ttft, 0.99)));
            o.addProperty("timePerOutputTokenP50Ms", round3(percentile(tpot, 0.5)));
            o.addProperty("timePerOutputTokenP99Ms", round3(percentile(tpot, 0.99)));
            if (distinct != null) {
                o.addProperty("cacheHits", snapshot.hits());
                o.addProperty("cacheMisses", snapshot.misses());
                o.addProperty("loads", snapshot.loads());
                o.addProperty("evictions", snapshot.evictions());
                List<Double> cold = snapshot.recentColdLoads().stream()
                        .map(d -> d.toNanos() / 1e6)
                        .toList();
                o.addProperty("coldLoadUnderLoadP50Ms", round3(percentile(cold, 0.5)));
                o.addProperty("coldLoadUnderLoadP99Ms", round3(percentile(cold, 0.99)));
                Map<Integer, Long> bytesByRank = new TreeMap<>();
                for (ResidentAdapter a : snapshot.resident()) {
                    bytesByRank.put(a.rank(), a.bytes());
                }
                JsonObject memory = new JsonObject();
                bytesByRank.forEach((rank, bytes) -> memory.addProperty("rank" + rank, bytes));
                o.add("bytesPerResidentAdapterByRank", memory);
                o.addProperty("residentAtEnd", snapshot.resident().size());
                o.addProperty("residentBytesAtEnd", snapshot.residentBytes());
            }
            return o;
        }
    }
}
