package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.chain.Bytes32;
import io.tributary.chain.ProvenanceAnchor;
import io.tributary.devstack.TestPlatform;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Durable events between contexts, on the real stack: a published release is anchored on chain by its event's
 * observer (no polling left), a review decision reaches the contributor through the outbox, a failing observer is
 * retried with its error shown to staff, and staff retry it over the API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsIT {

    /** Generous, for a loaded machine; the measured delay is printed, not asserted. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    @Test
    void publishingAReleaseAnchorsItThroughItsEventAndTheDecisionReachesTheContributor() {
        Api pat = Api.as("pat@tributary.test");
        String name = "Events " + UUID.randomUUID().toString().substring(0, 8);
        Accepted accepted = acceptedRecord(name, "What keeps bread fresh longest?", "A cool, dry bread box.");
        String dataNet = accepted.dataNet();

        // ContributionDecided: delivered to DecisionNotices, which wrote carlos's notification.
        Api carlos = Api.as("carlos@acme.test");
        await(
                "carlos to be told of the decision",
                WAIT,
                () -> carlos.get("/notifications").body().contains("in " + name + " was accepted by 1 validators"));
        JsonObject decided = delivery(
                        pat, "ContributionDecided", "DecisionNotices", "contribution:" + accepted.record())
                .filter(d -> d.getString("status").equals("DELIVERED"))
                .orElseThrow();
        assertThat(decided.getInt("attempts")).isEqualTo(1);

        long started = System.nanoTime();
        JsonObject release = publish(dataNet);
        String subject = "release:" + release.getString("id");
        await(
                "the ReleasePublished delivery",
                WAIT,
                () -> delivery(pat, "ReleasePublished", "ReleaseAnchoring", subject)
                        .filter(d -> d.getString("status").equals("DELIVERED"))
                        .isPresent());
        System.out.printf(
                "EventsIT: release %s anchored %d ms after its publication returned%n",
                subject, (System.nanoTime() - started) / 1_000_000);
        JsonObject delivered =
                delivery(pat, "ReleasePublished", "ReleaseAnchoring", subject).orElseThrow();
        assertThat(delivered.getInt("attempts")).isEqualTo(1);
        assertThat(delivered.containsKey("lastError")).as("absent when null").isFalse();
        JsonObject anchored = Api.as("mia@acme.test")
                .get("/datanets/" + dataNet + "/releases")
                .array()
                .getJsonObject(0);
        assertThat(anchored.getString("anchorTransaction")).startsWith("0x");
        assertThat(registry().isAnchored(Bytes32.of(release.getString("merkleRoot"))))
                .isTrue();
    }

    @Test
    void aFailingObserverIsRetriedWithBackOffShownFailedWithItsErrorAndRetriedByStaff() {
        Api pat = Api.as("pat@tributary.test");
        String dataNet = acceptedRecord(
                        "Events " + UUID.randomUUID().toString().substring(0, 8),
                        "How long do eggs keep in a fridge?",
                        "About three to five weeks.")
                .dataNet();
        JsonObject release;
        String subject;
        TestPlatform.relay().cut();
        try {
            release = publish(dataNet);
            subject = "release:" + release.getString("id");
            String waiting = subject;
            await(
                    "the anchoring to fail twice while the chain is away",
                    WAIT,
                    () -> delivery(pat, "ReleasePublished", "ReleaseAnchoring", waiting)
                            .filter(d -> d.getString("status").equals("FAILED") && d.getInt("attempts") >= 2)
                            .isPresent());
            JsonObject failed = delivery(pat, "ReleasePublished", "ReleaseAnchoring", subject, "FAILED")
                    .orElseThrow();
            assertThat(failed.getString("lastError")).isNotBlank();
            assertThat(failed.getBoolean("retryable")).isTrue();
            assertThat(failed.containsKey("nextAttemptAt"))
                    .as("still retried by itself")
                    .isTrue();
            // Staff see it on Admin → Events with its error, and retry it from there.
            try (Browser admin = new Browser().signIn("pat@tributary.test")) {
                admin.open("/admin/events.xhtml");
                By row = By.xpath("//tr[contains(., '" + subject + "')]");
                assertThat(admin.text(row)).contains("Release published", "ReleaseAnchoring", "Failed");
                admin.screenshot("admin-events-failed");
                admin.click(By.xpath("//tr[contains(., '" + subject + "')]//button[contains(., 'Retry now')]"));
                admin.waitForText(By.id("messages"), "Retrying ReleasePublished for ReleaseAnchoring now.");
            }
            assertThat(Api.as("mia@acme.test")
                            .get("/datanets/" + dataNet + "/releases")
                            .array()
                            .getJsonObject(0)
                            .containsKey("anchoredBlock"))
                    .as("not anchored while the chain is away")
                    .isFalse();
        } finally {
            TestPlatform.relay().restore();
        }
        String id = delivery(pat, "ReleasePublished", "ReleaseAnchoring", subject)
                .orElseThrow()
                .getString("id");
        // Staff need not wait for the back-off: retry now. (It may also have gone through by itself meanwhile.)
        Api.Answer retried = pat.post("/admin/events/" + id + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isIn(200, 409);
        await(
                "the retried delivery",
                WAIT,
                () -> pat.get("/admin/events/" + id)
                        .object()
                        .getString("status")
                        .equals("DELIVERED"));
        assertThat(registry().isAnchored(Bytes32.of(release.getString("merkleRoot"))))
                .isTrue();
        JsonObject delivered = pat.get("/admin/events/" + id).object();
        assertThat(delivered.getInt("attempts")).isGreaterThanOrEqualTo(3);
        assertThat(delivered.getString("lastError")).as("the history stays").isNotBlank();

        Api.Answer again = pat.post("/admin/events/" + id + "/retry", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(again.object().getString("detail")).contains("delivered");
    }

    @Test
    void onlyPlatformStaffSeeTheOutboxAndBadFiltersAreRefused() {
        Api.Answer member = Api.as("olivia@acme.test").get("/admin/events");
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.header("Content-Type").orElse("")).startsWith("application/problem+json");
        Api pat = Api.as("pat@tributary.test");
        Api.Answer bad = pat.get("/admin/events?status=LOST");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("status");
        assertThat(pat.get("/admin/events/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(pat.post("/admin/events/" + UUID.randomUUID() + "/retry", "").status())
                .isEqualTo(404);
    }

    private record Accepted(String dataNet, String record) {}

    /** A new DataNet of mia's (1 of 1 approvals) with one record of carlos's that vera accepted. */
    private static Accepted acceptedRecord(String name, String question, String answer) {
        Api mia = Api.as("mia@acme.test");
        Api.Answer created = mia.post("/datanets", """
                {"name":"%s","domain":"testing","description":"A DataNet made by a test.","tags":["test"],
                 "recordType":"QUESTION_ANSWER","licence":"CC0-1.0","visibility":"PRIVATE",
                 "allowedFormats":["JSONL"],"maxUploadBytes":1048576,"dailyQuota":1000,
                 "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.8,
                 "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                """.formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String dataNet = created.object().getString("id");
        Api.Answer record = Api.as("carlos@acme.test")
                .post(
                        "/datanets/" + dataNet + "/records",
                        "{\"question\":\"" + question + "\",\"answer\":\"" + answer + "\"}");
        assertThat(record.status()).as(record.body()).isEqualTo(201);
        Api vera = Api.as("vera@acme.test");
        String recordId = vera.get("/datanets/" + dataNet + "/queue")
                .array()
                .getJsonObject(0)
                .getString("id");
        Api.Answer vote =
                vera.post("/contributions/" + recordId + "/reviews", "{\"verdict\":\"approve\",\"reason\":\"right\"}");
        assertThat(vote.object().getString("status")).isEqualTo("ACCEPTED");
        return new Accepted(dataNet, recordId);
    }

    private static JsonObject publish(String dataNet) {
        Api.Answer published = Api.as("mia@acme.test").post("/datanets/" + dataNet + "/releases", "");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        return published.object();
    }

    private static Optional<JsonObject> delivery(Api staff, String type, String observer, String subject) {
        return delivery(staff, type, observer, subject, null);
    }

    /** The newest delivery of this event type to this observer whose subject starts with {@code subject}. */
    private static Optional<JsonObject> delivery(
            Api staff, String type, String observer, String subject, String status) {
        List<JsonObject> page = staff.get(
                        "/admin/events?size=200&type=" + type + (status == null ? "" : "&status=" + status))
                .array()
                .getValuesAs(JsonObject.class);
        return page.stream()
                .filter(d -> d.getString("observer").equals(observer)
                        && d.getString("subject").startsWith(subject))
                .findFirst();
    }

    private static ProvenanceAnchor registry() {
        return new ProvenanceAnchor(OnChain.client(), TestPlatform.deployment().registry());
    }
}
