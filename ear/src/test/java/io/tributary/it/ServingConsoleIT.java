package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Serving's console on the real stack: adapter management of the demo's published model (load, pin, unpin, unload;
 * the owner's people and staff only; audited), the Serving page in the browser, and serving's Prometheus metrics
 * that staff scrape at {@code /api/admin/metrics}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServingConsoleIT {

    private static final String MODEL = "acme/serving-console";

    private static boolean published;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    @Test
    void ownersAndStaffManageAdaptersAndOthersCannot() throws Exception {
        Api mia = Api.as("mia@acme.test");
        JsonObject loaded = loadWhenPublished(mia);
        assertThat(loaded.getString("model")).isEqualTo(MODEL);
        assertThat(loaded.getBoolean("resident")).isTrue();

        JsonObject overview = mia.get("/serving/adapters").object();
        JsonObject engine = overview.getJsonArray("engines").getJsonObject(0);
        JsonObject adapter = engine.getJsonArray("adapters").getJsonObject(0);
        assertThat(adapter.getString("model")).isEqualTo(MODEL + "@1");
        assertThat(adapter.getInt("rank")).isPositive();
        assertThat(adapter.getJsonNumber("bytes").longValue()).isPositive();
        assertThat(engine.getJsonNumber("loads").longValue()).isGreaterThanOrEqualTo(1);

        JsonObject pinned = mia.post("/serving/adapters/pin", body(MODEL)).object();
        assertThat(pinned.getBoolean("pinned")).isTrue();
        JsonObject unpinned = mia.post("/serving/adapters/unpin", body(MODEL)).object();
        assertThat(unpinned.getBoolean("pinned")).isFalse();

        // Another organization neither manages nor sees Acme's adapter; a contributor of Acme cannot manage it.
        Api gina = Api.as("gina@globex.test");
        assertThat(gina.post("/serving/adapters/unload", body(MODEL)).status()).isEqualTo(404);
        assertThat(gina.get("/serving/adapters").object().getJsonArray("engines").stream()
                        .map(e -> ((JsonObject) e).getJsonArray("adapters").size()))
                .containsOnly(0);
        assertThat(Api.as("carlos@acme.test")
                        .post("/serving/adapters/load", body(MODEL))
                        .status())
                .isEqualTo(403);
        Api.Answer base = mia.post("/serving/adapters/load", body("tributary-base"));
        assertThat(base.status()).isIn(400, 404);
        assertThat(mia.post("/serving/adapters/load", "{}").status()).isEqualTo(400);

        JsonObject unloaded = mia.post("/serving/adapters/unload", body(MODEL)).object();
        assertThat(unloaded.getBoolean("resident")).isFalse();

        // Staff manage every organization's model and see it resident.
        Api pat = Api.as("pat@tributary.test");
        assertThat(pat.post("/serving/adapters/load", body(MODEL)).object().getBoolean("resident"))
                .isTrue();
        assertThat(pat.get("/serving/adapters").body()).contains(MODEL + "@1");

        List<String> actions = Api.as("olivia@acme.test").get("/audit?size=200").array().stream()
                .map(e -> ((JsonObject) e).getString("action") + " " + ((JsonObject) e).getString("target", ""))
                .toList();
        assertThat(actions)
                .contains(
                        "serving.adapter.load " + MODEL,
                        "serving.adapter.pin " + MODEL,
                        "serving.adapter.unpin " + MODEL,
                        "serving.adapter.unload " + MODEL);

        try (Browser browser = new Browser().signIn("mia@acme.test")) {
            browser.open("/serving/index.xhtml");
            assertThat(browser.text(By.id("queue-depth"))).contains("Requests queued or running");
            assertThat(browser.page()).contains(MODEL + "@1");
            browser.type(By.id("manage:model"), MODEL);
            browser.click(By.id("manage:pin"));
            browser.waitForText(By.id("messages"), "is pinned");
            assertThat(browser.page()).contains("Unpin");
            browser.screenshot("serving-page");
        }
    }

    /**
     * The attack: a link or redirect on another site opens the playground's chat (a GET, for EventSource) in a
     * signed-in member's browser, whose SameSite=Lax session cookie goes along. Refused, nothing is generated or
     * recorded; from Tributary's own pages it answers.
     */
    @Test
    void aChatOpenedFromAnotherSiteSpendsNothing() throws Exception {
        loadWhenPublished(Api.as("mia@acme.test"));
        try (Browser mia = new Browser().signIn("mia@acme.test")) {
            mia.open("/serving/playground.xhtml");
            String cookie = mia.sessionCookie();
            Api olivia = Api.as("olivia@acme.test");
            String usage = olivia.get("/serving/usage").body();
            String chat = "/api/serving/playground/chat?model=" + URLEncoder.encode(MODEL, StandardCharsets.UTF_8)
                    + "&message=Hi&maxTokens=4";
            HttpResponse<String> crossSite = get(chat, cookie, "cross-site");
            assertThat(crossSite.statusCode()).isEqualTo(403);
            assertThat(crossSite.body()).contains("own pages").doesNotContain("event:");
            assertThat(get(chat, cookie, null).statusCode())
                    .as("a browser that does not say")
                    .isEqualTo(403);
            assertThat(olivia.get("/serving/usage").body()).isEqualTo(usage);

            HttpResponse<String> own = get(chat, cookie, "same-origin");
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.body()).contains("event: done");
            assertThat(olivia.get("/serving/usage").body()).isNotEqualTo(usage);
        }
    }

    private static HttpResponse<String> get(String path, String cookie, String fetchSite) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.APP + path))
                .timeout(Duration.ofSeconds(120))
                .header("Cookie", cookie);
        if (fetchSite != null) request.header("Sec-Fetch-Site", fetchSite);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPlaygroundChatShowsOnTheUsagePages() throws Exception {
        loadWhenPublished(Api.as("mia@acme.test"));
        try (Browser mia = new Browser().signIn("mia@acme.test")) {
            mia.open("/serving/playground.xhtml");
            mia.present(By.cssSelector("#playground-model option[value='" + MODEL + "']"));
            mia.script("document.getElementById('playground-model').value = '" + MODEL + "'");
            mia.type(By.id("playground-message"), "How many legs does a spider have?");
            mia.click(By.id("playground-send"));
            mia.present(By.cssSelector("li.playground-model[data-done]"));
            assertThat(mia.find(By.cssSelector("li.playground-model")).getAttribute("data-done"))
                    .as(mia.text(By.cssSelector("li.playground-model")))
                    .isEqualTo("true");
            assertThat(mia.text(By.cssSelector("li.playground-model"))).startsWith(MODEL + ":");
            mia.screenshot("serving-playground");

            mia.open("/serving/usage.xhtml");
            assertThat(mia.text(By.id("per-model"))).contains(MODEL);
            assertThat(mia.text(By.id("owner-total"))).doesNotStartWith("0 requests");
            assertThat(mia.text(By.id("per-caller"))).doesNotContain("No calls yet.");
            mia.screenshot("serving-usage");
        }
        Api.Answer csv = Api.as("mia@acme.test").get("/serving/exports/model-usage.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("time,model,").contains("," + MODEL + ",");
        assertThat(Api.as("carlos@acme.test")
                        .get("/serving/exports/model-usage.csv")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void staffSetAnOrganizationsLimitsOnTheirPage() {
        Api pat = Api.as("pat@tributary.test");
        String limits = "/admin/serving/limits/" + pat.tenantId("globex");
        JsonObject before = pat.get(limits).object();
        try (Browser staff = new Browser().signIn("pat@tributary.test")) {
            staff.open("/admin/serving-limits.xhtml");
            By globex = By.xpath("//tr[td[1][normalize-space()='Globex Legal']]");
            var rpm = staff.find(globex).findElement(By.cssSelector("input[id$=':rpm_input']"));
            rpm.click();
            rpm.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "7");
            staff.find(globex)
                    .findElement(By.cssSelector("button[id$=':save']"))
                    .click();
            staff.waitForText(By.id("messages"), "Serving limits saved for Globex Legal");
            assertThat(staff.find(globex)
                            .findElement(By.cssSelector("input[id$=':rpm_input']"))
                            .getAttribute("value"))
                    .isEqualTo("7");
            assertThat(staff.find(globex).getText()).doesNotContain("defaults apply");
            staff.screenshot("serving-limits");
            assertThat(pat.get(limits).object().getInt("requestsPerMinute")).isEqualTo(7);
        } finally {
            // Later tests call models as Globex: give back the limits it had.
            pat.put(
                    limits,
                    "{\"requestsPerMinute\":%d,\"tokensPerMinute\":%d,\"monthlyTokenQuota\":%d,\"queueBound\":%d}"
                            .formatted(
                                    before.getInt("requestsPerMinute"),
                                    before.getInt("tokensPerMinute"),
                                    before.getJsonNumber("monthlyTokenQuota").longValue(),
                                    before.getInt("queueBound")));
        }
    }

    @Test
    void servedRequestsAndAdapterLoadsReachThePrometheusScrape() throws Exception {
        loadWhenPublished(Api.as("mia@acme.test"));
        // An answer with at least one token (a model may end at once), so that it has a time to first token.
        Api miaApi = Api.as("mia@acme.test");
        boolean answered = false;
        for (int i = 0; i < 5 && !answered; i++) {
            Api.Answer sse = miaApi.get("/serving/playground/chat?model=" + MODEL + "&message=Name%20a%20colour");
            assertThat(sse.status()).as(sse.body()).isEqualTo(200);
            assertThat(sse.body()).contains("event: done");
            answered = !sse.body().contains("\"completionTokens\":0");
        }
        assertThat(answered).as("some answer had tokens").isTrue();
        String metrics = prometheus();
        assertThat(metrics)
                .contains("# TYPE tributary_serving_requests_total counter")
                .containsPattern("(?m)^tributary_serving_requests_total\\{model=\"" + MODEL
                        + "\",organization=\"acme\",outcome=\"ok\"} [1-9]")
                .contains("# TYPE tributary_serving_time_to_first_token_seconds histogram")
                .contains("tributary_serving_time_to_first_token_seconds_bucket{model=\"" + MODEL
                        + "\",organization=\"acme\",le=\"0.01\"} ")
                .containsPattern("(?m)^tributary_serving_time_to_first_token_seconds_bucket\\{model=\"" + MODEL
                        + "\",organization=\"acme\",le=\"\\+Inf\"} [1-9]")
                .containsPattern("(?m)^tributary_serving_time_to_first_token_seconds_count\\{model=\"" + MODEL
                        + "\",organization=\"acme\"} [1-9]");
        assertThat(counter(metrics, "tributary_serving_completion_tokens_total"))
                .isPositive();

        metrics = prometheus();
        assertThat(metrics).contains("tributary_serving_queue_depth{");
        // At least one cold load: this test's, or an earlier test's if the adapter was resident already.
        assertThat(counter(metrics, "tributary_serving_adapter_cache_loads_total"))
                .isPositive();
        assertThat(metrics).contains("tributary_serving_adapter_resident_bytes{");
    }

    /** The factory trains a tiny run once and publishes it, free, as {@link #MODEL}; serving hosts it soon after. */
    private static synchronized void publish() {
        if (published) {
            return;
        }
        Api mia = Api.as("mia@acme.test");
        String dataNet = FactoryIT.releasedDataNet("CC-BY-4.0");
        Api.Answer run = mia.post(
                "/factory/runs",
                FactoryIT.runRequest(
                        "serving console", FactoryIT.baseId(mia), dataNet, false, FactoryIT.TINY.formatted(8, 8)));
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        String runId = run.object().getString("id");
        assertThat(FactoryIT.awaitStatus(mia, runId, "COMPLETED", "FAILED").getString("status"))
                .isEqualTo("COMPLETED");
        Api.Answer version = mia.post(
                "/factory/runs/" + runId + "/publish", "{\"name\":\"serving-console\",\"pricePer1kTokens\":0}");
        assertThat(version.status()).as(version.body()).isEqualTo(201);
        published = true;
    }

    private static JsonObject loadWhenPublished(Api mia) throws InterruptedException {
        publish();
        // Serving learns of the publication through the outbox; until then the name is unknown (404).
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Api.Answer answer = mia.post("/serving/adapters/load", body(MODEL));
            if (answer.status() == 200) {
                return answer.object();
            }
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Serving never hosted " + MODEL + ": " + answer.body());
            }
            Thread.sleep(1000);
        }
    }

    private static String body(String model) {
        return "{\"model\":\"" + model + "\"}";
    }

    /** The management interface's Prometheus scrape, as a monitoring system reads it. */
    /** The scrape as platform staff; members of an organization, even its admins, are refused. */
    private static String prometheus() {
        assertThat(Api.as("olivia@acme.test").get("/admin/metrics").status()).isEqualTo(403);
        Api.Answer scrape = Api.as("pat@tributary.test").get("/admin/metrics");
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain").contains("version=0.0.4");
        return scrape.body();
    }

    private static double counter(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} ([0-9.eE+-]+)$").matcher(scrape);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
