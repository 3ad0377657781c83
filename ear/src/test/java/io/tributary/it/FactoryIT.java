package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.devstack.DevStack;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The Model Factory over the API on the real stack: a run on a fresh release trains, is evaluated, published and
 * exported; the monthly quota and non-commercial licences are refused with clear messages; cancel keeps the last
 * checkpoint, which resume and fork continue from; other organizations and other roles see nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FactoryIT {

    /** Tiny settings: seconds of training. */
    static final String TINY = """
            {"maxSteps":%d,"batchSize":4,"maxLength":64,"checkpointEvery":%d,"validationFraction":0.25,
             "warmupSteps":2,"learningRate":0.002,"seed":7,"rank":4,"targetModules":["c_attn"]}""";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** A DataNet of 12 question/answer records with the given licence, accepted and released as v1. */
    static String releasedDataNet(String licence) {
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        Api vera = Api.as("vera@acme.test");
        String name = "Factory " + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = mia.post("/datanets", """
                {"name":"%s","domain":"testing","description":"Training data made by a test.","tags":["test"],
                 "recordType":"QUESTION_ANSWER","licence":"%s","visibility":"PRIVATE",
                 "allowedFormats":["JSONL"],"maxUploadBytes":1048576,"dailyQuota":100000,
                 "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.95,
                 "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                """.formatted(name, licence));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.object().getString("id");
        String[][] facts = {
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
            {"What instrument has black and white keys?", "The piano has black and white keys."}
        };
        StringBuilder jsonl = new StringBuilder();
        for (String[] f : facts) {
            jsonl.append("{\"question\":\"")
                    .append(f[0])
                    .append("\",\"answer\":\"")
                    .append(f[1])
                    .append("\"}\n");
        }
        Api.Answer upload = carlos.upload(
                "/datanets/" + id + "/uploads?fileName=facts.jsonl",
                jsonl.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isIn(200, 201);
        for (JsonValue record : vera.all("/datanets/" + id + "/queue")) {
            Api.Answer vote = vera.post(
                    "/contributions/" + record.asJsonObject().getString("id") + "/reviews",
                    "{\"verdict\":\"approve\",\"reason\":\"correct\"}");
            assertThat(vote.status()).as(vote.body()).isEqualTo(200);
        }
        Api.Answer release = mia.post("/datanets/" + id + "/releases", "");
        assertThat(release.status()).as(release.body()).isIn(200, 201);
        return id;
    }

    static String baseId(Api api) {
        return api.get("/factory/bases").array().getJsonObject(0).getString("id");
    }

    static String runRequest(String name, String base, String dataNet, boolean forSale, String settings) {
        return """
                {"name":"%s","baseModelId":"%s","releases":[{"dataNetId":"%s","version":1}],
                 "objective":"INSTRUCTION","preset":"QUICK","forSale":%s,"settings":%s}
                """.formatted(name, base, dataNet, forSale, settings);
    }

    static JsonObject awaitStatus(Api api, String run, String... statuses) {
        Map<String, JsonObject> last = new LinkedHashMap<>();
        await("run " + run + " to be " + String.join(" or ", statuses), Duration.ofMinutes(4), () -> {
            JsonObject r = api.get("/factory/runs/" + run).object();
            last.put("run", r);
            return List.of(statuses).contains(r.getString("status"));
        });
        return last.get("run");
    }

    @Test
    void aRunTrainsIsEvaluatedPublishedAndExported() throws Exception {
        Api mia = Api.as("mia@acme.test");
        String dataNet = releasedDataNet("CC-BY-4.0");
        String base = baseId(mia);
        JsonObject bases = mia.get("/factory/bases").array().getJsonObject(0);
        assertThat(bases.getString("sha256")).hasSize(64);
        assertThat(bases.getJsonNumber("parameters").longValue()).isPositive();

        Api.Answer preview = mia.post("/factory/previews", runRequest("p", base, dataNet, true, TINY.formatted(24, 8)));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.object().getInt("examples")).isEqualTo(12);
        assertThat(preview.object().getJsonObject("estimate").getInt("steps")).isEqualTo(24);

        Api.Answer created = mia.post("/factory/runs", runRequest("facts", base, dataNet, true, TINY.formatted(24, 8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String run = created.object().getString("id");
        JsonObject done = awaitStatus(mia, run, "COMPLETED", "FAILED");
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.getInt("step")).isEqualTo(24);
        assertThat(mia.get("/factory/runs/" + run + "/metrics").array()).hasSize(24);
        assertThat(mia.get("/factory/runs/" + run + "/checkpoints").array().stream()
                        .map(c -> c.asJsonObject().getInt("step")))
                .containsExactly(8, 16, 24);

        Api.Answer events = mia.get("/factory/runs/" + run + "/events");
        assertThat(events.contentType()).startsWith("text/event-stream");
        assertThat(events.body().split("event: metric", -1)).hasSize(25);
        assertThat(events.body()).contains("\"status\":\"COMPLETED\"", "\"statusLabel\":\"Completed\"");
        assertThat(events.body()).contains("event: log");

        // The run's log: queued, started, each checkpoint, how it ended.
        List<String> log = mia.get("/factory/runs/" + run + "/log").array().stream()
                .map(e -> e.asJsonObject().getString("kind"))
                .toList();
        assertThat(log).startsWith("QUEUED", "STARTED").endsWith("COMPLETED");
        assertThat(log).filteredOn("CHECKPOINT"::equals).hasSize(3);

        JsonObject evaluation = mia.get("/factory/runs/" + run + "/evaluation").object();
        assertThat(evaluation.getString("split")).isEqualTo("held-out");
        assertThat(evaluation.getJsonObject("adapter").getJsonNumber("loss").doubleValue())
                .isLessThan(
                        evaluation.getJsonObject("base").getJsonNumber("loss").doubleValue());
        assertThat(evaluation.getJsonObject("adapter")).containsKeys("tokenF1", "exactMatch", "perplexity");

        Api.Answer published =
                mia.post("/factory/runs/" + run + "/publish", "{\"name\":\"facts-model\",\"pricePer1kTokens\":0.25}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        JsonObject version = published.object();
        assertThat(version.getInt("version")).isEqualTo(1);
        assertThat(version.getString("adapterSha256")).isEqualTo(done.getString("adapterSha256"));
        assertThat(version.getJsonArray("releases").getJsonObject(0).getString("merkleRoot"))
                .startsWith("0x");
        Api.Answer again =
                mia.post("/factory/runs/" + run + "/publish", "{\"name\":\"facts-model\",\"pricePer1kTokens\":0}");
        assertThat(again.object().getInt("version")).isEqualTo(2);
        assertThat(mia.get("/factory/models/" + version.getString("id"))
                        .object()
                        .getJsonNumber("pricePer1kTokens")
                        .doubleValue())
                .isEqualTo(0.25);

        java.net.http.HttpResponse<byte[]> zip = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(Api.APP + "/api/factory/runs/" + run + "/adapter.zip"))
                                .header(
                                        "Authorization",
                                        "Bearer "
                                                + Api.tokens("mia@acme.test", "demo")
                                                        .getString("access_token"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) files.put(e.getName(), in.readAllBytes());
        }
        assertThat(files).containsOnlyKeys("adapter/adapter_config.json", "adapter/adapter_model.safetensors");
        assertThat(new String(files.get("adapter/adapter_config.json"), StandardCharsets.UTF_8))
                .contains("\"LORA\"");
        assertThat(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(files.get("adapter/adapter_model.safetensors"))))
                .isEqualTo(version.getString("adapterSha256"));

        java.net.http.HttpResponse<byte[]> merged = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(Api.APP + "/api/factory/runs/" + run + "/merged.zip"))
                                .header(
                                        "Authorization",
                                        "Bearer "
                                                + Api.tokens("mia@acme.test", "demo")
                                                        .getString("access_token"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(merged.statusCode()).isEqualTo(200);
        List<String> mergedFiles = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(merged.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) mergedFiles.add(e.getName());
        }
        assertThat(mergedFiles).containsExactly("model/config.json", "model/model.safetensors", "model/tokenizer.json");

        Api.Answer chat = mia.get("/factory/runs/" + run + "/chat?prompt="
                + "How%20many%20legs%20does%20a%20spider%20have%3F" + "&maxNewTokens=8");
        assertThat(chat.body()).contains("event: token").contains("event: done");

        // Other roles and other organizations see nothing of it.
        assertThat(Api.as("carlos@acme.test").get("/factory/runs/" + run).status())
                .isEqualTo(403);
        assertThat(Api.as("gina@globex.test").get("/factory/runs").status()).isEqualTo(403);
    }

    @Test
    void theMonthlyQuotaRefusesWithAClearMessage() {
        Api pat = Api.as("pat@tributary.test");
        Api mia = Api.as("mia@acme.test");
        String acme = pat.tenantId("acme");
        String dataNet = releasedDataNet("CC0-1.0");
        Api.Answer before = pat.get("/admin/factory/limits/" + acme);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        try {
            Api.Answer set =
                    pat.put("/admin/factory/limits/" + acme, "{\"maxConcurrentRuns\":1,\"monthlyTokenQuota\":10}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(mia.put(
                                    "/admin/factory/limits/" + acme,
                                    "{\"maxConcurrentRuns\":9,\"monthlyTokenQuota\":999999999}")
                            .status())
                    .isEqualTo(403);
            long runsBefore = mia.all("/factory/runs").size();
            Api.Answer refused = mia.post(
                    "/factory/runs", runRequest("too big", baseId(mia), dataNet, false, TINY.formatted(24, 8)));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.object().getString("detail"))
                    .contains("monthly quota of 10")
                    .contains("platform staff");
            assertThat(mia.all("/factory/runs")).hasSize((int) runsBefore);

            // The attack: a run cancelled early releases its reservation; resuming it took the reservation back
            // unchecked, so create-cancel-resume trained beyond any quota.
            pat.put("/admin/factory/limits/" + acme, "{\"maxConcurrentRuns\":1,\"monthlyTokenQuota\":999999999}");
            String run = mia.post(
                            "/factory/runs",
                            runRequest("resumed beyond", baseId(mia), dataNet, false, TINY.formatted(400, 100)))
                    .object()
                    .getString("id");
            mia.post("/factory/runs/" + run + "/cancel", "");
            assertThat(awaitStatus(mia, run, "CANCELLED", "COMPLETED", "FAILED").getString("status"))
                    .isEqualTo("CANCELLED");
            long used = pat.get("/admin/factory/limits/" + acme)
                    .object()
                    .getJsonNumber("usedThisMonth")
                    .longValue();
            pat.put(
                    "/admin/factory/limits/" + acme,
                    "{\"maxConcurrentRuns\":1,\"monthlyTokenQuota\":%d}".formatted(used + 1));
            Api.Answer resumed = mia.post("/factory/runs/" + run + "/resume", "{}");
            assertThat(resumed.status()).as(resumed.body()).isEqualTo(409);
            assertThat(resumed.object().getString("detail")).contains("monthly quota");
        } finally {
            pat.put(
                    "/admin/factory/limits/" + acme,
                    "{\"maxConcurrentRuns\":%d,\"monthlyTokenQuota\":%d}"
                            .formatted(
                                    before.object().getInt("maxConcurrentRuns"),
                                    before.object()
                                            .getJsonNumber("monthlyTokenQuota")
                                            .longValue()));
        }
    }

    @Test
    void aNonCommercialReleaseCannotFeedAModelThatIsSold() {
        Api mia = Api.as("mia@acme.test");
        String dataNet = releasedDataNet("CC-BY-NC-4.0");
        String base = baseId(mia);
        Api.Answer refused = mia.post("/factory/runs", runRequest("sold", base, dataNet, true, TINY.formatted(4, 2)));
        assertThat(refused.status()).isIn(400, 422);
        assertThat(refused.body()).contains("non-commercial").contains("cannot train a model that is sold");

        Api.Answer free = mia.post("/factory/runs", runRequest("free", base, dataNet, false, TINY.formatted(4, 2)));
        assertThat(free.status()).as(free.body()).isEqualTo(201);
        String run = free.object().getString("id");
        assertThat(awaitStatus(mia, run, "COMPLETED", "FAILED").getString("status"))
                .isEqualTo("COMPLETED");
        Api.Answer priced =
                mia.post("/factory/runs/" + run + "/publish", "{\"name\":\"nc-model\",\"pricePer1kTokens\":1}");
        assertThat(priced.status()).isIn(400, 422);
        assertThat(priced.body()).contains("cannot be sold");
        assertThat(mia.post("/factory/runs/" + run + "/publish", "{\"name\":\"nc-model\",\"pricePer1kTokens\":0}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void cancelKeepsTheLastCheckpointWhichResumeAndForkContinueFrom() {
        Api mia = Api.as("mia@acme.test");
        String dataNet = releasedDataNet("CC0-1.0");
        Api.Answer created =
                mia.post("/factory/runs", runRequest("long", baseId(mia), dataNet, false, TINY.formatted(5000, 5)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String run = created.object().getString("id");
        await(
                "a first checkpoint",
                Duration.ofMinutes(3),
                () -> !mia.get("/factory/runs/" + run + "/checkpoints").array().isEmpty());
        Api.Answer cancel = mia.post("/factory/runs/" + run + "/cancel", "");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        JsonObject cancelled = awaitStatus(mia, run, "CANCELLED", "FAILED", "COMPLETED");
        assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getInt("step")).isLessThan(5000);
        var checkpoints = mia.get("/factory/runs/" + run + "/checkpoints").array();
        assertThat(checkpoints).isNotEmpty();
        int kept = checkpoints.getJsonObject(0).getInt("step");
        assertThat(mia.post("/factory/runs/" + run + "/cancel", "").status()).isEqualTo(409);

        Api.Answer fork = mia.post("/factory/runs/" + run + "/forks", "{\"step\":" + kept + "}");
        assertThat(fork.status()).as(fork.body()).isEqualTo(201);
        assertThat(fork.object().getInt("parentStep")).isEqualTo(kept);
        String forked = fork.object().getString("id");

        Api.Answer resumed = mia.post("/factory/runs/" + run + "/resume", "{}");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.object().getString("status")).isEqualTo("QUEUED");
        // Both continue from the checkpoint: their first new step follows it.
        await(
                "the fork to train past its checkpoint",
                Duration.ofMinutes(3),
                () -> mia.get("/factory/runs/" + forked).object().getInt("step") > kept);
        assertThat(mia.get("/factory/runs/" + forked + "/metrics")
                        .array()
                        .getJsonObject(0)
                        .getInt("step"))
                .isEqualTo(kept + 1);
        for (String r : List.of(run, forked)) {
            mia.post("/factory/runs/" + r + "/cancel", "");
            awaitStatus(mia, r, "CANCELLED", "FAILED", "COMPLETED");
        }
    }

    @Test
    void runsCompareSideBySideAndAPublishedVersionHasACard() {
        Api mia = Api.as("mia@acme.test");
        String dataNet = releasedDataNet("CC-BY-4.0");
        String base = baseId(mia);
        String slower = TINY.formatted(12, 6).replace("\"learningRate\":0.002", "\"learningRate\":0.0005");
        String a = mia.post("/factory/runs", runRequest("compare-a", base, dataNet, false, TINY.formatted(12, 6)))
                .object()
                .getString("id");
        // The attack: a run name that ends the chart's inline script and redirects whoever compares it.
        String hostile = "compare-b</script><meta http-equiv=refresh content=0;url=/api/health>";
        String b = mia.post("/factory/runs", runRequest(hostile, base, dataNet, false, slower))
                .object()
                .getString("id");
        for (String r : List.of(a, b)) {
            assertThat(awaitStatus(mia, r, "COMPLETED", "FAILED").getString("status"))
                    .isEqualTo("COMPLETED");
        }

        JsonObject comparison =
                mia.get("/factory/comparisons?run=" + a + "&run=" + b).object();
        assertThat(comparison.getJsonArray("curves").getJsonObject(0).getJsonArray("losses"))
                .hasSize(12);
        Map<String, Boolean> differs = new LinkedHashMap<>();
        comparison
                .getJsonArray("settings")
                .forEach(row -> differs.put(
                        row.asJsonObject().getString("setting"),
                        row.asJsonObject().getBoolean("differs")));
        assertThat(differs).containsEntry("learningRate", true).containsEntry("rank", false);
        assertThat(comparison.getJsonArray("scores").getJsonObject(1).getJsonNumber("adapterLoss"))
                .isNotNull();
        assertThat(mia.get("/factory/comparisons?run=" + a).status())
                .as("one run is not a comparison")
                .isEqualTo(400);

        String version = mia.post(
                        "/factory/runs/" + a + "/publish", "{\"name\":\"card-model\",\"pricePer1kTokens\":0.1}")
                .object()
                .getString("id");
        JsonObject card = mia.get("/factory/models/" + version + "/card").object();
        assertThat(card.getString("servedName")).isEqualTo("acme/card-model");
        assertThat(card.getJsonObject("base").getString("sha256")).hasSize(64);
        assertThat(card.getJsonObject("version")
                        .getJsonArray("releases")
                        .getJsonObject(0)
                        .getString("merkleRoot"))
                .startsWith("0x");
        assertThat(Api.as("gina@globex.test")
                        .get("/factory/models/" + version + "/card")
                        .status())
                .isIn(403, 404);

        try (Browser browser = new Browser().signIn("mia@acme.test")) {
            browser.open("/factory/compare.xhtml?runs=" + a + "," + b);
            assertThat(browser.text(By.xpath("//table[@id='settings']//tr[th[normalize-space()='learningRate']]")))
                    .contains("differs");
            Object curves = browser.script("return PF('compareChart').chart.data.datasets.length");
            assertThat(((Number) curves).intValue()).isEqualTo(2);
            assertThat(browser.script("return PF('compareChart').chart.data.datasets[1].label"))
                    .as("the name is the chart's label, not markup")
                    .isEqualTo(hostile);
            assertThat(browser.script("return document.querySelectorAll('meta[http-equiv]').length"))
                    .isEqualTo(0L);
            assertThat((String) browser.script("return location.pathname")).endsWith("/factory/compare.xhtml");
            browser.screenshot("factory-compare");
            browser.open("/factory/model.xhtml?id=" + version);
            assertThat(browser.text(By.id("served-name"))).isEqualTo("acme/card-model");
            assertThat(browser.text(By.id("model-releases"))).contains("0x");
            assertThat(browser.text(By.id("model-example"))).contains("/v1/chat/completions");
            browser.screenshot("factory-model-card");
        }
    }

    /** The shipped base's folder as a zip; {@code altered} flips a weight byte so the weights differ (new SHA-256). */
    static byte[] baseZip(boolean altered, boolean withTokenizer) throws java.io.IOException {
        return baseZip(altered, withTokenizer, null);
    }

    /** As above, with a {@code generation_config.json} of this content unless null. */
    static byte[] baseZip(boolean altered, boolean withTokenizer, String generationConfig) throws java.io.IOException {
        java.nio.file.Path folder = java.nio.file.Path.of("../model-training/base-model");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            if (generationConfig != null) {
                zip.putNextEntry(new java.util.zip.ZipEntry("imported/generation_config.json"));
                zip.write(generationConfig.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            for (String file : List.of("config.json", "model.safetensors", "tokenizer.json")) {
                if (!withTokenizer && file.equals("tokenizer.json")) continue;
                byte[] content = java.nio.file.Files.readAllBytes(folder.resolve(file));
                if (altered && file.equals("model.safetensors")) content[content.length - 2] ^= 0x01;
                zip.putNextEntry(new java.util.zip.ZipEntry("imported/" + file));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Where the server keeps a registered base's files. */
    private static java.nio.file.Path baseFolder(String baseId) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        Api.PORTS.jdbcUrl("tributary"), DevStack.DB_USER, DevStack.DB_PASSWORD);
                var query = c.prepareStatement("select directory from factory_base_model where id = ?")) {
            query.setObject(1, UUID.fromString(baseId));
            try (var row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return java.nio.file.Path.of(row.getString(1));
            }
        }
    }

    @Test
    void anOrganizationImportsAPrivateBaseAndStaffRetireIt() throws Exception {
        Api olivia = Api.as("olivia@acme.test");
        Api mia = Api.as("mia@acme.test");
        Api pat = Api.as("pat@tributary.test");
        String path = "/factory/bases?name=Acme%20private%20base&licence=Apache-2.0";

        Api.Answer same = olivia.upload(path, baseZip(false, true));
        assertThat(same.status()).as(same.body()).isEqualTo(409);
        assertThat(same.body()).contains("already offered to every organization");
        Api.Answer partial = olivia.upload(path, baseZip(true, false));
        assertThat(partial.status()).as(partial.body()).isEqualTo(400);
        assertThat(partial.body()).contains("lacks tokenizer.json").doesNotContain("/tributary");
        assertThat(Api.as("carlos@acme.test").upload(path, baseZip(true, true)).status())
                .isEqualTo(403);

        // The attack: Globex imports the same weights first, with a generation_config.json of its own. Acme's import
        // keeps Acme's files (it has none) instead of taking over Globex's folder, for training and serving alike.
        Api gina = Api.as("gina@globex.test");
        Api.Answer planted = gina.upload(
                "/factory/bases?name=Globex%20copy&licence=Apache-2.0",
                baseZip(true, true, "{\"do_sample\": true, \"temperature\": 2.0}"));
        assertThat(planted.status()).as(planted.body()).isEqualTo(201);
        String plantedId = planted.object().getString("id");

        Api.Answer imported = olivia.upload(path, baseZip(true, true));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonObject base = imported.object();
        String id = base.getString("id");
        assertThat(base.getString("sha256")).isEqualTo(planted.object().getString("sha256"));
        java.nio.file.Path acmeFolder = baseFolder(id);
        assertThat(acmeFolder).isNotEqualTo(baseFolder(plantedId));
        assertThat(acmeFolder.resolve("generation_config.json")).doesNotExist();
        assertThat(baseFolder(plantedId).resolve("generation_config.json")).exists();
        assertThat(gina.post("/factory/bases/" + plantedId + "/retire", "").status())
                .isEqualTo(200);
        // Serving too: a model Acme trains on its import runs on Acme's base, not on the first registration of the
        // same weights (Globex's), which /v1 names as the model's root.
        String data = releasedDataNet("CC0-1.0");
        String run = mia.post("/factory/runs", runRequest("on our import", id, data, false, TINY.formatted(4, 2)))
                .object()
                .getString("id");
        assertThat(awaitStatus(mia, run, "COMPLETED", "FAILED").getString("status"))
                .isEqualTo("COMPLETED");
        String served = "on-our-import-" + UUID.randomUUID().toString().substring(0, 6);
        Api.Answer published =
                mia.post("/factory/runs/" + run + "/publish", "{\"name\":\"" + served + "\",\"pricePer1kTokens\":0}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        String key = olivia.post("/api-keys", "{\"name\":\"root check\",\"roles\":[\"contributor\"]}")
                .object()
                .getString("secret");
        await(
                "acme/" + served + " to be served",
                Duration.ofMinutes(2),
                () -> ServingIT.v1(key, "GET", "/models/acme/" + served, null).status() == 200);
        assertThat(ServingIT.v1(key, "GET", "/models/acme/" + served, null)
                        .json()
                        .getString("root"))
                .contains("acme")
                .doesNotContain("globex");
        assertThat(base.getString("licence")).isEqualTo("Apache-2.0");
        assertThat(base.getString("sha256"))
                .hasSize(64)
                .isNotEqualTo(mia.get("/factory/bases").array().getJsonObject(0).getString("sha256"));
        assertThat(base.getJsonNumber("parameters").longValue()).isPositive();
        assertThat(base.getBoolean("shared")).isFalse();
        assertThat(mia.get("/factory/bases").array().stream()
                        .map(b -> b.asJsonObject().getString("id")))
                .contains(id);
        assertThat(Api.as("gina@globex.test").get("/factory/bases").array().stream()
                        .map(b -> b.asJsonObject().getString("id")))
                .as("other organizations never see it")
                .doesNotContain(id);
        assertThat(Api.as("gina@globex.test")
                        .post("/factory/bases/" + id + "/retire", "")
                        .status())
                .isEqualTo(404);

        // Staff see every base with its owner and retire it: no new run may use it.
        assertThat(pat.get("/admin/factory/bases").array().stream()
                        .map(b -> b.asJsonObject().getString("id")))
                .contains(id);
        assertThat(pat.get("/admin/factory/limits").array().stream()
                        .map(l -> l.asJsonObject().getString("alias")))
                .contains("acme", "globex");
        Api.Answer retired = pat.post("/admin/factory/bases/" + id + "/retire", "");
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(mia.get("/factory/bases").array().stream()
                        .map(b -> b.asJsonObject().getString("id")))
                .doesNotContain(id);
        String dataNet = releasedDataNet("CC-BY-4.0");
        Api.Answer refused =
                mia.post("/factory/runs", runRequest("on a retired base", id, dataNet, false, TINY.formatted(4, 2)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("was retired");
        assertThat(olivia.post("/factory/bases/" + id + "/retire", "").status()).isEqualTo(409);

        try (Browser staff = new Browser().signIn("pat@tributary.test")) {
            staff.open("/admin/factory.xhtml");
            assertThat(staff.text(By.id("bases:table"))).contains("Acme private base", "Acme Health");
            assertThat(staff.text(By.id("limits:table"))).contains("Acme Health");
            staff.screenshot("admin-factory");
        }
        try (Browser admin = new Browser().signIn("olivia@acme.test")) {
            admin.open("/organization/bases.xhtml");
            assertThat(admin.text(By.id("bases:table"))).contains("Acme private base", "Your organization");
            admin.screenshot("factory-bases");
        }
    }
}
