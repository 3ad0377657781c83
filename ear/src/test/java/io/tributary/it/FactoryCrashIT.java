package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.Settings;
import io.tributary.devstack.DevStack;
import io.tributary.devstack.Ports;
import io.tributary.devstack.TestPlatform;
import io.tributary.devstack.WildFlyServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A training run survives {@code kill -9} of its server: after the restart it resumes from its last checkpoint and
 * ends with exactly the losses of an uninterrupted run with the same seed. Runs on a server of its own with its own
 * database (the payout crash test's machinery).
 */
class FactoryCrashIT {

    private static final Ports PORTS = new Ports(Ports.TEST.postgres(), Ports.TEST.keycloak(), 2000);
    private static final String DATABASE = "tributary_factory_crash";
    private static final CrashDatabase DB = new CrashDatabase(PORTS, DATABASE);
    private static final int STEPS = 160;
    private static final String SETTINGS = """
            {"maxSteps":%d,"batchSize":2,"maxLength":64,"checkpointEvery":20,"validationFraction":0,
             "warmupSteps":5,"learningRate":0.002,"seed":11,"rank":4,"targetModules":["c_attn"]}""".formatted(STEPS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path base = Path.of("target/factory-crash-server").toAbsolutePath();
    private final Path log = base.resolve("console.log");
    private WildFlyServer server;

    @Test
    void aKilledRunResumesFromItsCheckpointAndEndsAsAnUninterruptedOne() throws Exception {
        CrashDatabase.deleteTree(base);
        DB.create();
        try {
            start();
            await(
                    "the server and the demo data",
                    Duration.ofMinutes(5),
                    () -> call("GET", "/factory/releases", null).body().contains("Clinical Q&A"));
            String request = request();
            String interrupted = create(request);
            await(
                    "a checkpoint of the run",
                    Duration.ofMinutes(4),
                    () -> "RUNNING".equals(DB.query("select status from factory_run where id = '" + interrupted + "'"))
                            && DB.query("select max(step) from factory_checkpoint where run_id = '" + interrupted + "'")
                                    != null);
            killMinus9();
            int stepAtKill =
                    Integer.parseInt(DB.query("select step from factory_run where id = '" + interrupted + "'"));
            int checkpointAtKill = Integer.parseInt(
                    DB.query("select max(step) from factory_checkpoint where run_id = '" + interrupted + "'"));
            assertThat(stepAtKill).as("killed mid-run").isLessThan(STEPS);
            assertThat(DB.query("select status from factory_run where id = '" + interrupted + "'"))
                    .isEqualTo("RUNNING");

            start();
            await(
                    "the interrupted run to complete",
                    Duration.ofMinutes(5),
                    () -> "COMPLETED"
                            .equals(DB.query("select status from factory_run where id = '" + interrupted + "'")));
            assertThat(Files.readString(log)).contains("Resuming training runs interrupted on this node");
            assertThat(DB.query("select resume_from from factory_run where id = '" + interrupted + "'"))
                    .endsWith(String.format("step-%08d", checkpointAtKill));

            String uninterrupted = create(request);
            await(
                    "the uninterrupted run to complete",
                    Duration.ofMinutes(5),
                    () -> "COMPLETED"
                            .equals(DB.query("select status from factory_run where id = '" + uninterrupted + "'")));

            String finalLoss = "select final_loss from factory_run where id = '%s'";
            assertThat(DB.query(finalLoss.formatted(interrupted)))
                    .isNotNull()
                    .isEqualTo(DB.query(finalLoss.formatted(uninterrupted)));
            assertThat(DB.query("select count(*) from factory_run_metric a join factory_run_metric b on a.step = b.step"
                            + " where a.run_id = '" + interrupted + "' and b.run_id = '" + uninterrupted
                            + "' and a.loss = b.loss"))
                    .isEqualTo(String.valueOf(STEPS));
            assertThat(DB.query("select adapter_sha256 from factory_run where id = '" + interrupted + "'"))
                    .isEqualTo(DB.query("select adapter_sha256 from factory_run where id = '" + uninterrupted + "'"));
        } finally {
            killMinus9();
        }
    }

    private String request() {
        HttpResponse<String> bases = call("GET", "/factory/bases", null);
        String baseId = Json.createReader(new StringReader(bases.body()))
                .readArray()
                .getJsonObject(0)
                .getString("id");
        JsonArray releases = Json.createReader(
                        new StringReader(call("GET", "/factory/releases", null).body()))
                .readArray();
        String dataNet = releases.stream()
                .map(JsonValue::asJsonObject)
                .filter(r -> r.getString("dataNetName").equals("Clinical Q&A"))
                .findFirst()
                .orElseThrow()
                .getString("dataNetId");
        return """
                {"name":"crash","baseModelId":"%s","releases":[{"dataNetId":"%s","version":1}],
                 "objective":"INSTRUCTION","preset":"QUICK","forSale":false,"settings":%s}
                """.formatted(baseId, dataNet, SETTINGS);
    }

    private String create(String request) {
        HttpResponse<String> created = call("POST", "/factory/runs", request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.createReader(new StringReader(created.body())).readObject().getString("id");
    }

    private static HttpResponse<String> call(String method, String path, String json) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(PORTS.appUrl() + "/api" + path))
                    .timeout(Duration.ofSeconds(60))
                    .header(
                            "Authorization",
                            "Bearer " + Api.tokens("mia@acme.test", "demo").getString("access_token"))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            json == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(json));
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void start() throws IOException, InterruptedException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : DevStack.serverPropertyMap(
                        PORTS,
                        TestPlatform.deployment(),
                        Path.of(System.getProperty(Settings.CUSTODY_STORE_PATH.property())))
                .keySet()) {
            properties.put(name, System.getProperty(name));
        }
        properties.put(DevStack.DB_URL, PORTS.jdbcUrl(DATABASE));
        properties.put(
                Settings.CHAIN_RPC_URL.property(),
                TestPlatform.deployment().rpcUrl().toString());
        properties.put("jboss.node.name", "factory-crash-node");
        properties.put(Settings.KEYCLOAK_TOKEN_CLIENTS.property(), "tributary-web," + TestPlatform.TEST_CLIENT);
        server = WildFlyServer.start(
                Path.of(System.getProperty("wildfly.home")),
                Path.of(System.getProperty("tributary.ear")),
                base,
                PORTS.wildflyOffset(),
                properties,
                log);
    }

    private void killMinus9() {
        if (server != null) {
            server.kill();
            server = null;
        }
    }
}
