package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * Serving's console on the real stack: adapter management of the demo's published model (load, pin, unpin, unload;
 * the owner's people and staff only; audited), the Serving page in the browser, and the Prometheus metrics the
 * Micrometer subsystem exports on the management interface.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServingConsoleIT {

    private static final String MODEL = "acme/clinical-assistant";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    @Test
    void ownersAndStaffManageAdaptersOthersCannotAndMetricsCountTheLoads() throws Exception {
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

        String metrics = prometheus();
        assertThat(metrics).contains("tributary_serving_queue_depth{");
        assertThat(counter(metrics, "tributary_serving_adapter_cache_loads_total"))
                .isGreaterThanOrEqualTo(2);
        assertThat(metrics).contains("tributary_serving_adapter_resident_bytes{");

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

    private static JsonObject loadWhenPublished(Api mia) throws InterruptedException {
        // The demo trains and publishes its model after the server starts; until then the name is unknown (404).
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            Api.Answer answer = mia.post("/serving/adapters/load", body(MODEL));
            if (answer.status() == 200) {
                return answer.object();
            }
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The demo never published " + MODEL + ": " + answer.body());
            }
            Thread.sleep(2000);
        }
    }

    private static String body(String model) {
        return "{\"model\":\"" + model + "\"}";
    }

    /** The management interface's Prometheus scrape, as a monitoring system reads it. */
    private static String prometheus() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Api.PORTS.management() + "/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
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
