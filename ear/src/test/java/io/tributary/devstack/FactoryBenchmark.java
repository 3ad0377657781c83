package io.tributary.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.application.Settings;
import io.tributary.training.tokenizer.Tokenizer;
import io.tributary.training.train.InstructionPair;
import io.tributary.training.train.TrainingData;
import io.tributary.training.train.TrainingExample;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Model Factory benchmark ({@code flock /tmp/tributary-it.lock mvn -o -pl ear -am -DskipTests -Pfactory-bench
 * verify}): trains one small LoRA configuration through the server's REST API and through the {@code tributary-model
 * finetune} command line in a separate JVM with the server's PyTorch thread settings, on the shipped base and the same
 * data, and prints one JSON object with the server/CLI throughput ratio, two concurrent runs against one, launch to
 * first optimizer step and the checkpoint overhead.
 *
 * <p>Steady-state rate: both sides report, after each step k, the tokens per second since the training loop began
 * (r_k). Every step trains on the whole data set (batch = examples, no validation split), so each step has the same
 * c tokens and step k ends t_k = k·c/r_k seconds into the loop; the rate over steps (a, b] is (b − a)/(b/r_b − a/r_a)
 * and a step's time is t_k − t_(k−1). The first {@link #WARM_UP} steps (JIT, allocator) are left out on both sides.
 *
 * <p>Order: CLI, server, two concurrent server runs, server, CLI, so drift in the machine's load falls on both sides.
 * Holds the integration tests' ports: run it under {@code flock /tmp/tributary-it.lock}. System properties as
 * {@link LoadBenchmark}, plus {@code factory.base} (the shipped base folder) and {@code factory.note}.
 */
public final class FactoryBenchmark {

    static final Ports PORTS = Ports.TEST;
    private static final int TIMEOUT_SECONDS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int STEPS = 100;
    static final int WARM_UP = 20;
    static final int CHECKPOINT_EVERY = 10;
    /** CPU time is read between the steps WARM_UP and this one, before the run's final evaluation. */
    static final int CPU_UNTIL = 90;

    static final int RANK = 4;
    static final double ALPHA = 8;
    static final double LEARNING_RATE = 0.002;
    static final int LR_WARMUP = 5;
    static final long SEED = 42;
    private static final double SERVER_GOAL = 0.9;
    private static final double CONCURRENT_GOAL = 0.9;

    /** Twenty-four short question/answer pairs: the DataNet's records and the command line's JSON Lines. */
    static final String[][] FACTS = {
        {"What colour is the sky on a clear day?", "The sky is blue on a clear day."},
        {"How many legs does a spider have?", "A spider has eight legs."},
        {"What is the boiling point of water at sea level?", "Water boils at 100 degrees Celsius at sea level."},
        {"Which planet is closest to the sun?", "Mercury is the planet closest to the sun."},
        {"What do bees make?", "Bees make honey and wax."},
        {"How many days are in a leap year?", "A leap year has 366 days."},
        {"What gas do plants take in?", "Plants take in carbon dioxide from the air."},
        {"What is frozen water called?", "Frozen water is called ice."},
        {"How many continents are there?", "There are seven continents."},
        {"What is the largest ocean?", "The Pacific is the largest ocean."},
        {"Which animal is known as the king of the jungle?", "The lion is called the king of the jungle."},
        {"What instrument has black and white keys?", "The piano has black and white keys."},
        {"Which organ pumps blood around the body?", "The heart pumps blood around the body."},
        {"What do caterpillars turn into?", "Caterpillars turn into butterflies or moths."},
        {"How many hours are in a day?", "A day has twenty-four hours."},
        {"What is the tallest mountain on Earth?", "Mount Everest is the tallest mountain on Earth."},
        {"Which metal is liquid at room temperature?", "Mercury is a metal that is liquid at room temperature."},
        {"What do you call a baby cat?", "A baby cat is called a kitten."},
        {"Where does the sun rise?", "The sun rises in the east."},
        {"What shape has three sides?", "A triangle has three sides."},
        {"Which season comes after winter?", "Spring comes after winter."},
        {"What do cows drink?", "Cows drink water, not milk."},
        {"How many strings does a violin have?", "A violin has four strings."},
        {"What is the opposite of hot?", "The opposite of hot is cold."}
    };

    private final Path data;
    private final Path base;
    private final StackClient api;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FactoryBenchmark(Path data, Path base) {
        this.data = data;
        this.api = new StackClient(http, PORTS, Duration.ofSeconds(TIMEOUT_SECONDS));
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("tributary.data", "target/factory-bench-data"))
                .toAbsolutePath()
                .normalize();
        Path base = Path.of(System.getProperty("factory.base", "../model-training/base-model"))
                .toAbsolutePath()
                .normalize();
        Files.createDirectories(data);
        String loadBeforeStack = MachineFacts.loadAverage();
        FactoryBenchmark bench = new FactoryBenchmark(data, base);
        ObjectNode result;
        try (DevStack stack = new DevStack(PORTS, data)) {
            long t = System.nanoTime();
            stack.discardServerState()
                    .startPostgres()
                    .startChain(LocalPlatform.hardhatHome())
                    .startKeycloak(Path.of(required("keycloak.home")));
            Path custody = stack.createCustodyStore();
            Map<String, String> properties = DevStack.serverPropertyMap(PORTS, stack.deployment(), custody);
            KeycloakTestClient.create(PORTS, TestPlatform.TEST_CLIENT, TestPlatform.TEST_CLIENT_SECRET);
            properties.put(Settings.KEYCLOAK_TOKEN_CLIENTS.property(), "tributary-web," + TestPlatform.TEST_CLIENT);
            // The demo's own run trains once and is restored from here at later starts.
            properties.put(
                    Settings.FACTORY_CACHE_DIR.property(),
                    data.resolve("factory-cache").toString());
            try (WildFlyServer wildfly = WildFlyServer.start(
                    Path.of(required("wildfly.home")),
                    Path.of(required("tributary.ear")),
                    data.resolve("wildfly"),
                    PORTS.wildflyOffset(),
                    properties,
                    data.resolve("wildfly.log"))) {
                log("Stack up in " + (System.nanoTime() - t) / 1_000_000_000 + " s");
                result = bench.run(loadBeforeStack);
            }
        }
        String line = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
        Files.writeString(data.resolve("result.json"), line + "\n");
        System.out.println(line);
        System.exit(0);
    }

    /** One side's training: its per-step cumulative rates and losses, and what was timed around it. */
    record Measured(String label, double[] rates, double[] losses, ObjectNode extra) {}

    private ObjectNode run(String loadBeforeStack) throws Exception {
        String mia = api.token("mia@acme.test");
        String carlos = api.token("carlos@acme.test");
        String vera = api.token("vera@acme.test");
        String pat = api.token("pat@tributary.test");
        api.awaitDemoData(mia, data.resolve("wildfly.log"));
        awaitNoTraining(mia);
        String acme = idOf(JSON.readTree(api.send(api.get(pat, "/admin/tenants"), 200)), "alias", "acme");
        api.send(
                api.put(
                        pat,
                        "/admin/factory/limits/" + acme,
                        "{\"maxConcurrentRuns\":2,\"monthlyTokenQuota\":999999999}"),
                200);
        String dataNet = releasedDataNet(mia, carlos, vera);
        JsonNode registered =
                JSON.readTree(api.send(api.get(mia, "/factory/bases"), 200)).get(0);
        String baseId = registered.path("id").asText();
        String shipped = sha256(base.resolve("model.safetensors"));
        if (!shipped.equals(registered.path("sha256").asText())) {
            throw new IllegalStateException("The server's base " + registered + " is not the shipped " + base);
        }
        int contextLength = JSON.readTree(base.resolve("config.json").toFile())
                .path("n_positions")
                .asInt();
        List<InstructionPair> pairs =
                Arrays.stream(FACTS).map(f -> new InstructionPair(f[0], f[1])).toList();
        List<TrainingExample> examples = TrainingData.instructions(
                        Tokenizer.load(base.resolve("tokenizer.json")), pairs, contextLength)
                .examples();
        if (examples.size() != FACTS.length) {
            throw new IllegalStateException("Every pair must fit the context: " + examples.size() + " examples");
        }
        int tokensPerStep =
                examples.stream().mapToInt(e -> e.tokens().length - 1).sum();
        String settings = """
                {"maxSteps":%d,"batchSize":%d,"accumulation":1,"maxLength":%d,"checkpointEvery":%d,
                 "validationFraction":0,"evaluateEvery":0,"patience":0,"warmupSteps":%d,"learningRate":%s,
                 "seed":%d,"rank":%d,"alpha":%s,"dropout":0,"targetModules":["c_attn"]}""".formatted(
                STEPS, FACTS.length, contextLength, CHECKPOINT_EVERY, LR_WARMUP, LEARNING_RATE, SEED, RANK, ALPHA);
        Path jsonl = data.resolve("cli/pairs.jsonl");
        Files.createDirectories(jsonl.getParent());
        Files.writeString(
                jsonl,
                Arrays.stream(FACTS)
                        .map(f -> JSON.createObjectNode()
                                .put("instruction", f[0])
                                .put("response", f[1])
                                .toString())
                        .collect(Collectors.joining("\n", "", "\n")));

        String loadAtStart = MachineFacts.loadAverage();
        Instant started = Instant.now();
        Measured cli1 = cli(jsonl, "cli-1", tokensPerStep);
        Measured server1 = server(mia, baseId, dataNet, settings, tokensPerStep, List.of("server-1"))
                .get(0);
        List<Measured> pair =
                server(mia, baseId, dataNet, settings, tokensPerStep, List.of("concurrent-a", "concurrent-b"));
        Measured server2 = server(mia, baseId, dataNet, settings, tokensPerStep, List.of("server-2"))
                .get(0);
        Measured cli2 = cli(jsonl, "cli-2", tokensPerStep);
        String loadAtEnd = MachineFacts.loadAverage();

        double cliRate = mean(steady(cli1), steady(cli2));
        double serverRate = mean(steady(server1), steady(server2));
        double pairRate = steady(pair.get(0)) + steady(pair.get(1));
        double serverRatio = serverRate / cliRate;
        double concurrentRatio = pairRate / serverRate;
        List<Measured> singles = List.of(server1, server2);

        ObjectNode result = JSON.createObjectNode();
        result.put("benchmark", "model-factory");
        result.put("at", started.toString());
        result.put(
                "command",
                "flock /tmp/tributary-it.lock mvn -o -pl ear -am -DskipTests -Pfactory-bench verify"
                        + " (result in ear/target/factory-bench-data/result.json)");
        result.set("machine", machine(loadBeforeStack, loadAtStart, loadAtEnd));
        ObjectNode config = result.putObject("configuration");
        config.put("base", "the shipped base (model-training/base-model), SHA-256 " + shipped);
        config.put("examples", FACTS.length);
        config.put("tokensPerStep", tokensPerStep);
        config.set("serverSettings", JSON.readTree(settings));
        config.put("cliArguments", String.join(" ", cliArguments(jsonl, data.resolve("cli/x"))));
        config.put(
                "threads",
                "server: ai.djl.pytorch.num_threads=1, num_interop_threads=1 (DjlContext), one managed thread per run;"
                        + " CLI: the same two properties in its own JVM");
        ObjectNode method = result.putObject("method");
        method.put(
                "steadyRate",
                "each side reports after step k the tokens/s since its training loop began (r_k; the server stores"
                        + " it in factory_run_metric.tokens_per_second, the CLI prints it with --log-every 1); every"
                        + " step trains on all " + FACTS.length + " examples (batch = data, no validation split), so"
                        + " each step has the same " + tokensPerStep + " tokens, step k ends k*c/r_k s into the loop,"
                        + " and the steady rate over steps (" + WARM_UP + ", " + STEPS + "] is (b-a)/(b/r_b - a/r_a);"
                        + " the first " + WARM_UP + " steps are warm-up, left out on both sides; checkpoint steps"
                        + " are inside the window on both sides");
        method.put(
                "order",
                "CLI, server, two concurrent server runs, server, CLI; ratio 1 = mean server / mean CLI, ratio 2 ="
                        + " (rate a + rate b of the concurrent runs) / mean single server run");
        method.put(
                "launchToFirstStep",
                "client: from sending POST /api/factory/runs until GET /api/factory/runs/{id} shows step >= 1"
                        + " (polled every 50 ms; the server now writes the first step's metrics at once);"
                        + " server: its own log line (queued_at to the first step's listener call)");
        method.put(
                "checkpointOverhead",
                "step times t_k - t_(k-1) of the single server runs over the steady window: mean of the checkpoint"
                        + " steps (k % " + CHECKPOINT_EVERY + " == 0: writing the checkpoint, flushing metrics and"
                        + " recording it) against the mean of the other steps; reported as extra time per checkpoint"
                        + " in % of a plain step, and as % of training time at one checkpoint every "
                        + CHECKPOINT_EVERY + " steps");

        ObjectNode ratios = result.putObject("ratios");
        ObjectNode r1 = ratios.putObject("serverOverCli");
        r1.put("value", round(serverRatio, 3));
        r1.put("goal", ">= " + SERVER_GOAL);
        r1.put("met", serverRatio >= SERVER_GOAL);
        r1.put("serverTokensPerSecond", round(serverRate, 1));
        r1.put("cliTokensPerSecond", round(cliRate, 1));
        ObjectNode r2 = ratios.putObject("twoConcurrentOverOne");
        r2.put("value", round(concurrentRatio, 3));
        r2.put("goal", ">= " + CONCURRENT_GOAL);
        r2.put("met", concurrentRatio >= CONCURRENT_GOAL);
        r2.put("twoRunsTotalTokensPerSecond", round(pairRate, 1));
        r2.put("oneRunTokensPerSecond", round(serverRate, 1));
        ObjectNode reported = result.putObject("reported");
        ObjectNode launch = reported.putObject("launchToFirstStepSeconds");
        launch.put(
                "client",
                round(
                        singles.stream()
                                .mapToDouble(m -> m.extra()
                                        .path("launchToFirstStepSeconds")
                                        .asDouble())
                                .average()
                                .orElse(Double.NaN),
                        2));
        launch.put(
                "server",
                round(
                        singles.stream()
                                .mapToDouble(m ->
                                        m.extra().path("serverFirstStepSeconds").asDouble(Double.NaN))
                                .average()
                                .orElse(Double.NaN),
                        2));
        launch.put("note", "mean of the two single server runs; the worker claims queued runs every 2 s");
        ObjectNode overhead = reported.putObject("checkpointOverhead");
        StepTimes.Split split = StepTimes.split(
                singles.stream().map(Measured::rates).toList(), WARM_UP, STEPS, CHECKPOINT_EVERY, tokensPerStep);
        overhead.put("plainStepSeconds", round(split.plain(), 4));
        overhead.put("checkpointStepSeconds", round(split.checkpoint(), 4));
        overhead.put("extraPerCheckpointPercentOfStep", round(split.extraPercentOfStep(), 1));
        overhead.put("percentOfTrainingTime", round(split.percentOfTrainingTime(CHECKPOINT_EVERY), 1));
        StepTimes.Split cliSplit =
                StepTimes.split(List.of(cli1.rates(), cli2.rates()), WARM_UP, STEPS, CHECKPOINT_EVERY, tokensPerStep);
        overhead.put("cliExtraPerCheckpointPercentOfStep", round(cliSplit.extraPercentOfStep(), 1));
        overhead.put("cliPercentOfTrainingTime", round(cliSplit.percentOfTrainingTime(CHECKPOINT_EVERY), 1));
        ObjectNode cpu = reported.putObject("cpuSecondsPerStep");
        cpu.put(
                "method",
                "CPU time (user + system, /proc) between steps " + WARM_UP + " and about " + CPU_UNTIL
                        + ": the whole process (server: WildFly, all its threads; CLI: its JVM) and its busiest thread"
                        + " (the training thread), per step; a share of wall time below 1 means the thread waited for"
                        + " a core");
        for (String field :
                List.of("processCpuSecondsPerStep", "busiestThreadCpuSecondsPerStep", "wallSecondsPerStep")) {
            cpu.put(
                    "server " + field,
                    round(
                            singles.stream()
                                    .mapToDouble(m ->
                                            m.extra().path("cpu").path(field).asDouble(Double.NaN))
                                    .average()
                                    .orElse(Double.NaN),
                            4));
            cpu.put(
                    "cli " + field,
                    round(
                            List.of(cli1, cli2).stream()
                                    .mapToDouble(m ->
                                            m.extra().path("cpu").path(field).asDouble(Double.NaN))
                                    .average()
                                    .orElse(Double.NaN),
                            4));
        }
        result.put("goalsMet", serverRatio >= SERVER_GOAL && concurrentRatio >= CONCURRENT_GOAL);
        ArrayNode runs = result.putArray("runs");
        for (Measured m : List.of(cli1, server1, pair.get(0), pair.get(1), server2, cli2)) {
            ObjectNode node = runs.addObject();
            node.put("run", m.label());
            node.put("steadyTokensPerSecond", round(steady(m), 1));
            node.put("cumulativeTokensPerSecondAtEnd", round(m.rates()[STEPS - 1], 1));
            node.put("finalLoss", round(m.losses()[STEPS - 1], 4));
            node.setAll(m.extra());
            node.set("tokensPerSecondByStep", array(m.rates(), 1));
        }
        return result;
    }

    private static double steady(Measured m) {
        return StepTimes.steadyRate(m.rates(), WARM_UP, STEPS);
    }

    // ---- the command line in its own JVM

    private List<String> cliArguments(Path jsonl, Path out) {
        return List.of(
                "finetune",
                "--model",
                base.toString(),
                "--data",
                jsonl.toString(),
                "--out",
                out.resolve("adapter").toString(),
                "--rank",
                String.valueOf(RANK),
                "--alpha",
                String.valueOf(ALPHA),
                "--dropout",
                "0",
                "--targets",
                "c_attn",
                "--steps",
                String.valueOf(STEPS),
                "--batch",
                String.valueOf(FACTS.length),
                "--lr",
                String.valueOf(LEARNING_RATE),
                "--warmup",
                String.valueOf(LR_WARMUP),
                "--val-fraction",
                "0",
                "--seed",
                String.valueOf(SEED),
                "--checkpoint-dir",
                out.resolve("checkpoints").toString(),
                "--checkpoint-every",
                String.valueOf(CHECKPOINT_EVERY),
                "--log-every",
                "1");
    }

    private static final Pattern CLI_STEP =
            Pattern.compile("^step (\\d+)/\\d+\\s+loss ([0-9.eE+-]+|NaN)\\s+lr \\S+\\s+([0-9.]+) tokens/s");

    private Measured cli(Path jsonl, String label, int tokensPerStep) throws Exception {
        // A fresh folder per run: the command line would resume from checkpoints left by an earlier one.
        Path out =
                data.resolve("cli/" + label + "-" + UUID.randomUUID().toString().substring(0, 8));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath(),
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "io.tributary.training.cli.TributaryModel"));
        command.addAll(cliArguments(jsonl, out));
        double[] rates = new double[STEPS];
        double[] losses = new double[STEPS];
        long t = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Cpu from = null;
        Cpu until = null;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = in.readLine()) != null; ) {
                output.append(l).append('\n');
                Matcher m = CLI_STEP.matcher(l);
                if (m.find()) {
                    int step = Integer.parseInt(m.group(1));
                    losses[step - 1] = Double.parseDouble(m.group(2));
                    rates[step - 1] = Double.parseDouble(m.group(3));
                    if (step == WARM_UP) from = Cpu.snapshot(process.pid(), step);
                    if (step == CPU_UNTIL) until = Cpu.snapshot(process.pid(), step);
                }
            }
        }
        if (process.waitFor() != 0 || Arrays.stream(rates).anyMatch(r -> r <= 0)) {
            throw new IllegalStateException("The command line failed:\n" + output);
        }
        ObjectNode extra = JSON.createObjectNode();
        extra.put("side", "cli");
        extra.put("processSeconds", round((System.nanoTime() - t) / 1e9, 2));
        if (from != null && until != null) extra.set("cpu", Cpu.between(from, until, rates, tokensPerStep));
        log(label + ": " + round(StepTimes.steadyRate(rates, WARM_UP, STEPS), 1) + " tokens/s");
        return new Measured(label, rates, losses, extra);
    }

    /** The class path this JVM runs with (exec:java's loader), which holds the model library and PyTorch's jars. */
    private static String classpath() {
        ClassLoader loader = Tokenizer.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            return Arrays.stream(urls.getURLs())
                    .map(u -> {
                        try {
                            return Path.of(u.toURI()).toString();
                        } catch (java.net.URISyntaxException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    // ---- the server, through its REST API

    /** Launches one run per label at once, waits for all to end, and reads their metrics and timings. */
    private List<Measured> server(
            String token, String baseId, String dataNet, String settings, int tokensPerStep, List<String> labels)
            throws Exception {
        List<String> ids = new ArrayList<>();
        List<Long> launched = new ArrayList<>();
        for (String label : labels) {
            String body = """
                    {"name":"bench %s %s","baseModelId":"%s","releases":[{"dataNetId":"%s","version":1}],
                     "objective":"INSTRUCTION","preset":"QUICK","forSale":false,"settings":%s}
                    """.formatted(label, UUID.randomUUID().toString().substring(0, 8), baseId, dataNet, settings);
            launched.add(System.nanoTime());
            ids.add(JSON.readTree(api.send(api.post(token, "/factory/runs", body), 201))
                    .path("id")
                    .asText());
        }
        double[] firstStep = new double[ids.size()];
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        int pending = ids.size();
        while (pending > 0) {
            pending = 0;
            for (int i = 0; i < ids.size(); i++) {
                if (firstStep[i] > 0) continue;
                JsonNode run = JSON.readTree(api.send(api.get(token, "/factory/runs/" + ids.get(i)), 200));
                if (run.path("step").asInt() >= 1) {
                    firstStep[i] = (System.nanoTime() - launched.get(i)) / 1e9;
                } else if (isFinal(run)) {
                    throw new IllegalStateException("Run ended before its first step: " + run);
                } else {
                    pending++;
                }
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("No first step within 10 minutes");
            if (pending > 0) Thread.sleep(50);
        }
        // One run alone: the server process's CPU (and its busiest thread's, the training one) between the steps
        // WARM_UP and CPU_UNTIL as the run reports them (its metrics reach the database at least twice a second).
        ObjectNode cpu = null;
        if (ids.size() == 1) {
            long pid = wildflyPid();
            Cpu from = null;
            Cpu until = null;
            while (until == null && System.nanoTime() < deadline) {
                JsonNode run = JSON.readTree(api.send(api.get(token, "/factory/runs/" + ids.get(0)), 200));
                int step = run.path("step").asInt();
                if (from == null && step >= WARM_UP) from = Cpu.snapshot(pid, step);
                if (from != null && step >= CPU_UNTIL) until = Cpu.snapshot(pid, step);
                if (isFinal(run)) break;
                Thread.sleep(200);
            }
            if (from != null && until != null && until.step() > from.step()) cpu = until.since(from);
        }
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode run;
            while (!isFinal(run = JSON.readTree(api.send(api.get(token, "/factory/runs/" + ids.get(i)), 200)))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("Run did not end: " + run);
                Thread.sleep(1000);
            }
            if (!"COMPLETED".equals(run.path("status").asText())) {
                throw new IllegalStateException("Run did not complete: " + run);
            }
            JsonNode metrics = JSON.readTree(api.send(api.get(token, "/factory/runs/" + ids.get(i) + "/metrics"), 200));
            double[] rates = new double[STEPS];
            double[] losses = new double[STEPS];
            for (JsonNode m : metrics) {
                int step = m.path("step").asInt();
                rates[step - 1] = m.path("tokensPerSecond").asDouble();
                losses[step - 1] = m.path("loss").asDouble();
            }
            if (Arrays.stream(rates).anyMatch(r -> r <= 0)) {
                throw new IllegalStateException("Missing metric rows: " + metrics);
            }
            ObjectNode extra = JSON.createObjectNode();
            extra.put("side", "server");
            extra.put("runId", ids.get(i));
            extra.put("queuedAt", run.path("queuedAt").asText());
            extra.put("startedAt", run.path("startedAt").asText());
            extra.put("finishedAt", run.path("finishedAt").asText());
            extra.put("launchToFirstStepSeconds", round(firstStep[i], 2));
            double serverFirst = serverFirstStep(ids.get(i));
            if (Double.isFinite(serverFirst)) extra.put("serverFirstStepSeconds", serverFirst);
            if (cpu != null) {
                double wall = tokensPerStep
                        / StepTimes.steadyRate(
                                rates,
                                cpu.path("fromStep").asInt(),
                                cpu.path("toStep").asInt());
                cpu.put("wallSecondsPerStep", round(wall, 4));
                cpu.put(
                        "processCpuShareOfWall",
                        round(cpu.path("processCpuSecondsPerStep").asDouble() / wall, 3));
                cpu.put(
                        "trainingThreadCpuShareOfWall",
                        round(cpu.path("busiestThreadCpuSecondsPerStep").asDouble() / wall, 3));
                extra.set("cpu", cpu);
            }
            measured.add(new Measured(labels.get(i), rates, losses, extra));
            log(labels.get(i) + ": " + round(StepTimes.steadyRate(rates, WARM_UP, STEPS), 1) + " tokens/s");
        }
        return measured;
    }

    /** The server's own launch-to-first-step figure from its log line about the finished run. */
    private double serverFirstStep(String id) throws IOException {
        Pattern line = Pattern.compile("Training run " + id + ": \\d+ steps, \\S+ tokens/s, first step ([0-9.]+) s");
        for (int attempt = 0; attempt < 20; attempt++) {
            Matcher m = line.matcher(Files.readString(data.resolve("wildfly.log"), StandardCharsets.ISO_8859_1));
            if (m.find()) return Double.parseDouble(m.group(1));
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Double.NaN;
    }

    /** The WildFly process this benchmark started (its server base folder is under the data folder). */
    private long wildflyPid() {
        String marker = "-Djboss.server.base.dir=" + data.resolve("wildfly");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .filter(p ->
                        p.info().arguments().stream().flatMap(Arrays::stream).anyMatch(marker::equals))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No WildFly process with " + marker));
    }

    /**
     * CPU seconds (user + system, from /proc at 100 ticks a second) a process and each of its threads had used when
     * its run reported {@code step}.
     */
    record Cpu(int step, double process, Map<String, Double> threads) {

        static Cpu snapshot(long pid, int step) throws IOException {
            Map<String, Double> threads = new java.util.HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        threads.put(
                                task.getFileName() + " "
                                        + Files.readString(task.resolve("comm")).strip(),
                                seconds(task.resolve("stat")));
                    } catch (IOException gone) {
                        // the thread ended meanwhile
                    }
                }
            }
            return new Cpu(step, seconds(Path.of("/proc/" + pid + "/stat")), threads);
        }

        private static double seconds(Path stat) throws IOException {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }

        /** Per step since {@code from}: the process's CPU seconds and its busiest thread's. */
        ObjectNode since(Cpu from) {
            int steps = step - from.step;
            Map.Entry<String, Double> busiest = threads.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - from.threads.getOrDefault(e.getKey(), 0.0)))
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow();
            ObjectNode node = JSON.createObjectNode();
            node.put("fromStep", from.step);
            node.put("toStep", step);
            node.put("processCpuSecondsPerStep", round((process - from.process) / steps, 4));
            node.put("busiestThread", busiest.getKey().replaceFirst("^\\d+ ", ""));
            node.put("busiestThreadCpuSecondsPerStep", round(busiest.getValue() / steps, 4));
            return node;
        }

        /** As {@link #since}, with the command line's wall time per step over the same steps. */
        static ObjectNode between(Cpu from, Cpu until, double[] rates, int tokensPerStep) {
            ObjectNode node = until.since(from);
            double wall = tokensPerStep / StepTimes.steadyRate(rates, from.step, until.step);
            node.put("wallSecondsPerStep", round(wall, 4));
            node.put(
                    "processCpuShareOfWall",
                    round(node.path("processCpuSecondsPerStep").asDouble() / wall, 3));
            node.put(
                    "trainingThreadCpuShareOfWall",
                    round(node.path("busiestThreadCpuSecondsPerStep").asDouble() / wall, 3));
            return node;
        }
    }

    private static boolean isFinal(JsonNode run) {
        return List.of("COMPLETED", "FAILED", "CANCELLED")
                .contains(run.path("status").asText());
    }

    /** The demo trains its own run at a first start: the measurements wait until nothing trains. */
    private void awaitNoTraining(String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean busy = false;
            for (JsonNode run : JSON.readTree(api.send(api.get(token, "/factory/runs?size=200"), 200))) {
                busy |= !isFinal(run);
            }
            if (!busy) return;
            log("waiting for the demo's run to finish training");
            Thread.sleep(3000);
        }
        throw new IllegalStateException("A run was still training after 10 minutes");
    }

    /** A private DataNet of the pairs, uploaded by Carlos, approved by Vera and released as v1 by Mia. */
    private String releasedDataNet(String mia, String carlos, String vera) throws Exception {
        String id = JSON.readTree(api.send(
                        api.post(mia, "/datanets", """
                                        {"name":"Factory bench %s","domain":"testing","description":"Benchmark data.",
                                         "tags":[],"recordType":"QUESTION_ANSWER","licence":"CC0-1.0",
                                         "visibility":"PRIVATE","allowedFormats":["JSONL"],"maxUploadBytes":1048576,
                                         "dailyQuota":100000,"badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG",
                                         "nearDuplicateThreshold":0.95,"approvalsRequired":1,"reviewersPerRecord":1,
                                         "validatorPool":"OWNER_ORGANIZATION"}
                                        """.formatted(
                                        UUID.randomUUID().toString().substring(0, 8))),
                        201))
                .path("id")
                .asText();
        String jsonl = Arrays.stream(FACTS)
                .map(f -> JSON.createObjectNode()
                        .put("question", f[0])
                        .put("answer", f[1])
                        .toString())
                .collect(Collectors.joining("\n", "", "\n"));
        HttpResponse<String> upload = http.send(
                api.request(carlos, "/datanets/" + id + "/uploads?fileName=facts.jsonl")
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(jsonl))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() / 100 != 2) throw new IllegalStateException("Upload refused: " + upload.body());
        JsonNode queue = JSON.readTree(api.send(api.get(vera, "/datanets/" + id + "/queue?size=200"), 200));
        if (queue.size() != FACTS.length) throw new IllegalStateException("Review queue: " + queue);
        for (JsonNode record : queue) {
            api.send(
                    api.post(
                            vera,
                            "/contributions/" + record.path("id").asText() + "/reviews",
                            "{\"verdict\":\"approve\",\"reason\":\"correct\"}"),
                    200);
        }
        HttpResponse<String> release =
                http.send(api.post(mia, "/datanets/" + id + "/releases", ""), HttpResponse.BodyHandlers.ofString());
        if (release.statusCode() / 100 != 2) throw new IllegalStateException("Release refused: " + release.body());
        return id;
    }

    // ---- the machine

    private ObjectNode machine(String loadBeforeStack, String loadAtStart, String loadAtEnd) {
        ObjectNode node = MachineFacts.describe(JSON.createObjectNode());
        node.put("loadAverageBeforeStack", loadBeforeStack);
        node.put("loadAverageAtStart", loadAtStart);
        node.put("loadAverageAtEnd", loadAtEnd);
        node.put("niceProcessesAtEnd", niceProcesses());
        // With autogroups, CFS shares the cores between sessions first: a nice process in a session of its own
        // still gets its session's share.
        node.put("schedAutogroup", MachineFacts.read("/proc/sys/kernel/sched_autogroup_enabled", ""));
        node.put("note", System.getProperty("factory.note", ""));
        return node;
    }

    /** Processes running at a nice level above 0 (the shared machine's background pretraining, say). */
    private static String niceProcesses() {
        try {
            Process ps = new ProcessBuilder("ps", "-eo", "ni,pcpu,comm", "--no-headers")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ps.waitFor();
            return out.lines()
                    .map(String::strip)
                    .filter(l -> l.matches("^[1-9]\\d*\\s.*"))
                    .collect(Collectors.joining("; "));
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set -D" + property + " (mvn -DskipTests -Pfactory-bench verify does)");
        }
        return value;
    }

    private static double mean(double a, double b) {
        return (a + b) / 2;
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static ArrayNode array(double[] values, int digits) {
        ArrayNode node = JSON.createArrayNode();
        for (double v : values) node.add(round(v, digits));
        return node;
    }

    private static void log(String message) {
        System.err.println("[factory-bench] " + message);
    }

    private static String idOf(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) return n.path("id").asText();
        }
        throw new IllegalStateException("No " + field + " " + value + " in " + list);
    }
}
