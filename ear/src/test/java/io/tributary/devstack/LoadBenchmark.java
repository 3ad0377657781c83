package io.tributary.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.application.Settings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The API load benchmark ({@code mvn -DskipTests -Pload verify}): 50 concurrent clients on loopback against the main
 * read endpoints (with bearer tokens and an API key) and two write endpoints, one endpoint at a time, each bounded in
 * time and in requests; prints one JSON object with requests/s, p50/p95/p99, errors and 5xx per endpoint.
 *
 * <p>It starts the integration tests' stack on their ports (hold {@code flock /tmp/tributary-it.lock} while it runs):
 * a fresh PostgreSQL, the dev chain, Keycloak with the demo realm, and WildFly with the demo data, the write rate limit
 * raised out of the way. System properties: {@code tributary.data}, {@code wildfly.home}, {@code keycloak.home},
 * {@code tributary.ear}, {@code tributary.chain.hardhatHome}; {@code load.clients} (50), {@code load.seconds} (per
 * endpoint, 20), {@code load.requests} (per endpoint at most, 6000), {@code load.note} (what else ran on the machine).
 */
public final class LoadBenchmark {

    static final Ports PORTS = Ports.TEST;
    private static final int TIMEOUT_SECONDS = 30;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /** The goal for the read endpoints at 50 concurrent clients. */
    private static final double READ_P95_GOAL_MS = 300;

    private final int clients = Integer.getInteger("load.clients", 50);
    private final Duration perEndpoint = Duration.ofSeconds(Integer.getInteger("load.seconds", 20));
    private final int maxRequests = Integer.getInteger("load.requests", 6000);
    private final Path data;
    private final StackClient api;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();

    private LoadBenchmark(Path data) {
        this.data = data;
        this.api = new StackClient(http, PORTS, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /** One endpoint under load: how to build each request, and whether it reads or writes. */
    record Target(
            String name, String method, String path, String credential, boolean read, Supplier<HttpRequest> request) {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("tributary.data", "target/load-data"))
                .toAbsolutePath()
                .normalize();
        Files.createDirectories(data);
        LoadBenchmark bench = new LoadBenchmark(data);
        ObjectNode result;
        try (DevStack stack = new DevStack(PORTS, data)) {
            long t = System.nanoTime();
            stack.discardServerState()
                    .startPostgres()
                    .startChain(LocalPlatform.hardhatHome())
                    .startKeycloak(Path.of(required("keycloak.home")));
            Path custody = stack.createCustodyStore();
            Map<String, String> properties = DevStack.serverPropertyMap(PORTS, stack.deployment(), custody);
            properties.put(Settings.RATE_LIMIT_WRITES.property(), "100000000");
            // The web client has no password grant: the benchmark signs its users in through a client of its own.
            KeycloakTestClient.create(PORTS, TestPlatform.TEST_CLIENT, TestPlatform.TEST_CLIENT_SECRET);
            properties.put(Settings.KEYCLOAK_TOKEN_CLIENTS.property(), "tributary-web," + TestPlatform.TEST_CLIENT);
            try (WildFlyServer wildfly = WildFlyServer.start(
                    Path.of(required("wildfly.home")),
                    Path.of(required("tributary.ear")),
                    data.resolve("wildfly"),
                    PORTS.wildflyOffset(),
                    properties,
                    data.resolve("wildfly.log"))) {
                log("Stack up in " + (System.nanoTime() - t) / 1_000_000_000 + " s");
                result = bench.run();
            }
        }
        String line = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
        Files.writeString(data.resolve("result.json"), line + "\n");
        System.out.println(line);
        System.exit(0);
    }

    private ObjectNode run() throws Exception {
        String carlos = api.token("carlos@acme.test");
        String olivia = api.token("olivia@acme.test");
        String mia = api.token("mia@acme.test");
        api.awaitDemoData(carlos, data.resolve("wildfly.log"));
        String apiKey = JSON.readTree(
                        api.send(api.post(olivia, "/api-keys", "{\"name\":\"load\",\"roles\":[\"contributor\"]}"), 201))
                .path("secret")
                .asText();
        String clinical = idOf(JSON.readTree(api.send(api.get(carlos, "/datanets"), 200)), "Clinical Q&A");
        String target = JSON.readTree(api.send(api.post(mia, "/datanets", """
                                        {"name":"Load %s","domain":"load","description":"Load benchmark.","tags":[],
                                         "recordType":"QUESTION_ANSWER","licence":"CC0-1.0","visibility":"PRIVATE",
                                         "allowedFormats":["JSONL"],"maxUploadBytes":1000000,"dailyQuota":1000000,
                                         "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG",
                                         "nearDuplicateThreshold":0.8,"approvalsRequired":1,"reviewersPerRecord":1,
                                         "validatorPool":"OWNER_ORGANIZATION"}
                                        """.formatted(UUID.randomUUID())), 201))
                .path("id")
                .asText();
        AtomicLong sequence = new AtomicLong();
        List<Target> targets = List.of(
                new Target(
                        "datanets (bearer)",
                        "GET",
                        "/api/datanets",
                        "bearer",
                        true,
                        () -> api.get(carlos, "/datanets")),
                new Target(
                        "datanets (API key)",
                        "GET",
                        "/api/datanets",
                        "api-key",
                        true,
                        () -> api.get(apiKey, "/datanets")),
                new Target(
                        "contributions/mine (bearer)",
                        "GET",
                        "/api/contributions/mine",
                        "bearer",
                        true,
                        () -> api.get(carlos, "/contributions/mine")),
                new Target(
                        "organization/me (bearer)",
                        "GET",
                        "/api/organization/me",
                        "bearer",
                        true,
                        () -> api.get(olivia, "/organization/me")),
                new Target(
                        "organization/me (API key)",
                        "GET",
                        "/api/organization/me",
                        "api-key",
                        true,
                        () -> api.get(apiKey, "/organization/me")),
                new Target(
                        "datanet detail (bearer)",
                        "GET",
                        "/api/datanets/{id}",
                        "bearer",
                        true,
                        () -> api.get(carlos, "/datanets/" + clinical)),
                new Target(
                        "single record (bearer)",
                        "POST",
                        "/api/datanets/{id}/records",
                        "bearer",
                        false,
                        () -> api.post(
                                carlos,
                                "/datanets/" + target + "/records",
                                "{\"question\":\"" + phrase(sequence.incrementAndGet()) + "?\",\"answer\":\""
                                        + phrase(sequence.incrementAndGet()) + ".\"}")),
                new Target(
                        "small upload, 3 records (bearer)",
                        "POST",
                        "/api/datanets/{id}/uploads",
                        "bearer",
                        false,
                        () -> upload(carlos, target, sequence)));

        ArrayNode endpoints = JSON.createArrayNode();
        boolean met = true;
        for (Target t : targets) {
            ObjectNode measured = measure(t);
            endpoints.add(measured);
            log(measured.toString());
            met &= measured.path("errors").asLong() == 0
                    && measured.path("serverErrors").asLong() == 0;
            if (t.read()) {
                met &= measured.path("p95Ms").asDouble() < READ_P95_GOAL_MS;
            }
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("benchmark", "api-load");
        result.put("at", Instant.now().toString());
        result.set("machine", machine());
        result.put("clients", clients);
        result.put("secondsPerEndpoint", perEndpoint.toSeconds());
        result.put("maxRequestsPerEndpoint", maxRequests);
        result.put(
                "goals", "0 errors, 0 5xx everywhere; p95 < 300 ms on the read endpoints at " + clients + " clients");
        result.put("goalsMet", met);
        result.set("endpoints", endpoints);
        return result;
    }

    /** Runs one endpoint: a short warm-up, then {@code clients} loops until the time or request budget is spent. */
    private ObjectNode measure(Target target) throws Exception {
        runClients(
                target,
                WARM_UP,
                maxRequests,
                new long[maxRequests],
                new AtomicInteger(),
                new AtomicInteger(),
                new AtomicInteger());
        long[] latencies = new long[maxRequests];
        AtomicInteger count = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        long start = System.nanoTime();
        runClients(target, perEndpoint, maxRequests, latencies, count, errors, serverErrors);
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = Math.min(count.get(), maxRequests);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        ObjectNode node = JSON.createObjectNode();
        node.put("endpoint", target.name());
        node.put("method", target.method());
        node.put("path", target.path());
        node.put("credential", target.credential());
        node.put("kind", target.read() ? "read" : "write");
        node.put("requests", n);
        node.put("seconds", Math.round(seconds * 10) / 10.0);
        node.put("requestsPerSecond", Math.round(n / seconds * 10) / 10.0);
        node.put("p50Ms", percentile(sorted, 50));
        node.put("p95Ms", percentile(sorted, 95));
        node.put("p99Ms", percentile(sorted, 99));
        node.put("maxMs", n == 0 ? 0 : sorted[n - 1] / 1_000_000.0);
        node.put("errors", errors.get());
        node.put("serverErrors", serverErrors.get());
        return node;
    }

    private void runClients(
            Target target,
            Duration budget,
            int limit,
            long[] latencies,
            AtomicInteger count,
            AtomicInteger errors,
            AtomicInteger serverErrors)
            throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        int expected = target.read() ? 200 : 201;
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        int slot = count.getAndIncrement();
                        if (slot >= limit) {
                            return;
                        }
                        long t = System.nanoTime();
                        int status;
                        try {
                            status = http.send(target.request().get(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                        } catch (IOException e) {
                            status = -1;
                        }
                        latencies[slot] = System.nanoTime() - t;
                        if (status != expected) {
                            errors.incrementAndGet();
                        }
                        if (status >= 500) {
                            serverErrors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        count.set(Math.min(count.get(), limit));
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, index)] / 10_000.0) / 100.0;
    }

    /** Three question/answer lines, distinct from every other request's. */
    private HttpRequest upload(String credential, String dataNet, AtomicLong sequence) {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            file.append("{\"question\":\"")
                    .append(phrase(sequence.incrementAndGet()))
                    .append("?\",\"answer\":\"")
                    .append(phrase(sequence.incrementAndGet()))
                    .append(".\"}\n");
        }
        return api.request(credential, "/datanets/" + dataNet + "/uploads?fileName=load.jsonl")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(file.toString()))
                .build();
    }

    private static final String[] WORDS = ("patient dose kidney liver heart pressure tablet infusion fever infection"
                    + " antibiotic allergy insulin glucose cholesterol statin aspirin warfarin bleeding fracture wound"
                    + " suture vaccine measles asthma inhaler steroid migraine seizure stroke anemia iron thyroid"
                    + " hormone pregnancy ultrasound biopsy tumour chemotherapy radiation nausea hydration sodium")
            .split(" ");

    /** Twelve words chosen by the number's digits in base 48: no two numbers give near-duplicate text. */
    private static String phrase(long n) {
        StringBuilder text = new StringBuilder("Load case " + n + ":");
        long x = n * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 12; i++) {
            text.append(' ').append(WORDS[(int) Math.floorMod(x, (long) WORDS.length)]);
            x = Long.rotateLeft(x, 7) * 31 + i;
        }
        return text.toString();
    }

    /** The machine the numbers were taken on, and how busy it was when the run started. */
    private ObjectNode machine() {
        ObjectNode node = MachineFacts.describe(JSON.createObjectNode());
        node.put("loadAverageAtEnd", MachineFacts.loadAverage());
        node.put("loopbackOnly", PORTS.appUrl().startsWith("http://localhost:"));
        node.put("note", System.getProperty("load.note", ""));
        return node;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set -D" + property + " (mvn -DskipTests -Pload verify does)");
        }
        return value;
    }

    private static void log(String message) {
        System.err.println("[load] " + message);
    }

    /** A DataNet's id by its name in a list answer. */
    private static String idOf(JsonNode list, String name) {
        List<String> found = new ArrayList<>();
        list.forEach(d -> {
            if (d.path("name").asText().equals(name)) {
                found.add(d.path("id").asText());
            }
        });
        if (found.isEmpty()) {
            throw new IllegalStateException("No DataNet named " + name + " in " + list);
        }
        return found.get(0);
    }
}
