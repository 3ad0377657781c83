package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A dispute on the real stack: Carlos disputes a receipt of a model trained on his record, someone else cannot open
 * it in his name nor learn of the receipt, he cannot decide his own dispute, bad decisions change nothing, and Vera (a
 * validator of the DataNet) upholds it with the evidence: a new ADJUSTMENT transfer pays the correction, the receipt's
 * split stays as it was and lists the correction, the decision is final, audited and told to Carlos.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DisputeIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** The member's posted contributor earnings, in base units: /earnings lists contributor, validator, owner. */
    static BigInteger earnings(Api api) {
        return api.get("/earnings")
                .array()
                .getJsonObject(0)
                .getJsonNumber("posted")
                .bigIntegerValue();
    }

    @Test
    void anUpheldDisputeIsPaidByANewTransferAndTheReceiptShowsIt() {
        assumeTrue(AttributionIT.servingDeployed(), "serving's /v1 API is not deployed in this build");
        AttributionIT.publishedModel();
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        Api vera = Api.as("vera@acme.test");
        await(
                "the run's attribution index",
                Duration.ofMinutes(3),
                () -> mia.get("/models/" + AttributionIT.version + "/attribution")
                        .object()
                        .getBoolean("indexed"));
        int before = mia.all("/receipts").size();
        Api.Answer answer = Api.call(HttpRequest.newBuilder(URI.create(Api.APP + "/v1/chat/completions"))
                .header(
                        "Authorization",
                        "Bearer " + Api.tokens("mia@acme.test", "demo").getString("access_token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"acme/" + AttributionIT.modelName
                        + "@1\",\"max_tokens\":8,\"temperature\":0,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"What do bees make?\"}]}")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        await("the receipt", Duration.ofMinutes(2), () -> mia.all("/receipts").size() > before);
        String receipt = mia.all("/receipts").get(0).getString("id");
        JsonObject seen = mia.get("/receipts/" + receipt).object();
        String dataNet = seen.getJsonArray("releaseRoots").getJsonObject(0).getString("dataNetId");
        String record = carlos.all("/contributions/mine").stream()
                .map(JsonValue::asJsonObject)
                .filter(r -> r.getString("dataNetId").equals(dataNet))
                .findFirst()
                .orElseThrow()
                .getString("id");
        BigInteger platformLeg = seen.getJsonArray("payees").stream()
                .map(JsonValue::asJsonObject)
                .filter(p -> "PLATFORM".equals(p.getString("role")))
                .map(p -> p.getJsonNumber("amount").bigIntegerValue())
                .findFirst()
                .orElseThrow();
        String draft = "{\"receiptId\":\"" + receipt + "\",\"kind\":\"NOT_CREDITED\",\"recordId\":\"" + record
                + "\",\"statement\":\"The answer restates my record about bees.\"}";

        // Another organization's member can neither dispute in Carlos's name nor learn that the receipt exists: the
        // same answer for the real receipt and a made-up one.
        Api gus = Api.as("gus@globex.test");
        Api.Answer inHisName = gus.post("/disputes", draft);
        assertThat(inHisName.status()).isEqualTo(400);
        assertThat(gus.post(
                                "/disputes",
                                draft.replace(receipt, UUID.randomUUID().toString()))
                        .body())
                .isEqualTo(inHisName.body());
        assertThat(carlos.post(
                                "/disputes",
                                draft.replace(receipt, UUID.randomUUID().toString()))
                        .status())
                .isEqualTo(404);
        assertThat(carlos.post("/disputes", "{\"kind\":\"MAYBE\"}").body())
                .contains("kind", "statement", "recordId", "receiptId");
        assertThat(carlos.get("/disputes").array()).isEmpty();

        Api.Answer opened = carlos.post("/disputes", draft);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String dispute = opened.object().getString("id");
        assertThat(carlos.post("/disputes", draft).status())
                .as("one open dispute per receipt and record")
                .isEqualTo(409);

        // Nobody decides their own dispute; Globex's validator is not one of this private DataNet's.
        String uphold = "{\"verdict\":\"uphold\",\"reason\":\"The answer is his fact.\",\"correction\":%s}";
        assertThat(carlos.post("/disputes/" + dispute + "/decision", uphold.formatted("0.0001"))
                        .status())
                .isEqualTo(403);
        assertThat(Api.as("gwen@globex.test")
                        .post("/disputes/" + dispute + "/decision", uphold.formatted("0.0001"))
                        .status())
                .isEqualTo(404);

        // The validator sees the evidence, never the prompt or the answer.
        Api.Answer evidence = vera.get("/disputes/" + dispute);
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(200);
        assertThat(evidence.object().getBoolean("reviewer")).isTrue();
        assertThat(evidence.object().getJsonObject("evidence").getJsonArray("credited"))
                .isNotEmpty();
        assertThat(evidence.body()).doesNotContain("What do bees make?");
        assertThat(vera.get("/disputes?role=validator").array())
                .anyMatch(d -> d.asJsonObject().getString("id").equals(dispute));

        // Bad decisions change nothing.
        BigInteger share = evidence.object()
                .getJsonObject("evidence")
                .getJsonNumber("contributorsShare")
                .bigIntegerValue();
        String tooMuch =
                new BigDecimal(share.add(BigInteger.ONE)).movePointLeft(18).toPlainString();
        Api.Answer above = vera.post("/disputes/" + dispute + "/decision", uphold.formatted(tooMuch));
        assertThat(above.status()).isEqualTo(400);
        assertThat(above.body()).contains("contributors' share");
        assertThat(vera.post(
                                "/disputes/" + dispute + "/decision",
                                "{\"verdict\":\"uphold\",\"reason\":\" \",\"correction\":0}")
                        .body())
                .contains("reason", "correction");
        assertThat(vera.get("/disputes/" + dispute).object().getString("status"))
                .isEqualTo("OPEN");

        // Upheld: one new transfer pays the correction into Carlos's earnings.
        BigInteger correction = platformLeg.min(share).divide(BigInteger.TWO).max(BigInteger.ONE);
        BigInteger earningsBefore = earnings(carlos);
        Api.Answer decided = vera.post(
                "/disputes/" + dispute + "/decision",
                uphold.formatted(new BigDecimal(correction).movePointLeft(18).toPlainString()));
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.object().getString("status")).isEqualTo("UPHELD");
        assertThat(decided.object().getJsonNumber("correctionAmount").bigIntegerValue())
                .isEqualTo(correction);
        String transfer = decided.object().getString("correctionTransferId");
        assertThat(transfer).isEqualTo(dispute);
        assertThat(earnings(carlos).subtract(earningsBefore)).isEqualTo(correction);
        assertThat(vera.post("/disputes/" + dispute + "/decision", uphold.formatted("0.0001"))
                        .status())
                .as("a decision is final")
                .isEqualTo(409);
        assertThat(earnings(carlos).subtract(earningsBefore)).isEqualTo(correction);

        // The receipt is unchanged and lists the correction, for its caller and for Carlos.
        JsonObject after = mia.get("/receipts/" + receipt).object();
        assertThat(after.getJsonArray("payees")).isEqualTo(seen.getJsonArray("payees"));
        for (Api viewer : new Api[] {mia, carlos}) {
            JsonObject listed =
                    viewer.get("/disputes?receipt=" + receipt).array().getJsonObject(0);
            assertThat(listed.getString("status")).isEqualTo("UPHELD");
            assertThat(listed.getString("correctionTransferId")).isEqualTo(transfer);
        }
        assertThat(gus.get("/disputes?receipt=" + receipt).status()).isEqualTo(404);

        // Audited, and Carlos is told.
        assertThat(Api.as("olivia@acme.test").get("/audit").body()).contains("dispute.open", "dispute.uphold");
        assertThat(carlos.get("/notifications").body()).contains("Your dispute of a receipt was upheld");

        // The dashboards: Carlos's earnings by model and DataNet, Mia's model's requests and revenue, with CSV.
        JsonObject earned = carlos.get("/dashboards/contributor").object();
        assertThat(earned.getJsonArray("byDayAndModel").stream()
                        .map(d -> d.asJsonObject().getString("label")))
                .anyMatch(label -> label.startsWith(AttributionIT.modelName));
        assertThat(earned.getJsonArray("byDataNet")).isNotEmpty();
        assertThat(earned.getJsonArray("influentialRecords")).isNotEmpty();
        assertThat(carlos.get("/dashboards/contributor.csv").body())
                .startsWith("day,model,amount_trib\n")
                .contains(AttributionIT.modelName);
        JsonObject owned = mia.get("/dashboards/model-owner").object();
        JsonObject model = owned.getJsonArray("models").stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("model").equals(AttributionIT.modelName))
                .findFirst()
                .orElseThrow();
        assertThat(model.getJsonNumber("requests").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(model.getJsonNumber("revenue").bigIntegerValue())
                .isGreaterThanOrEqualTo(seen.getJsonNumber("charge").bigIntegerValue());
        assertThat(carlos.get("/dashboards/model-owner").status()).isEqualTo(403);
        JsonObject platform =
                Api.as("pat@tributary.test").get("/admin/attribution").object();
        assertThat(platform.getJsonObject("lastDay").getJsonNumber("receipts").longValue())
                .isGreaterThanOrEqualTo(1);
        assertThat(platform.getJsonObject("lastDay")
                        .getJsonNumber("latencyP95Ms")
                        .doubleValue())
                .isGreaterThanOrEqualTo(0);
        System.out.println("DisputeIT: platform attribution figures " + platform);
        assertThat(mia.get("/admin/attribution").status()).isEqualTo(403);

        // Carlos's page shows the decision and passes the accessibility check.
        try (Browser browser = new Browser().signIn("carlos@acme.test")) {
            browser.open("/disputes/dispute.xhtml?id=" + dispute);
            assertThat(browser.text(By.id("status"))).isEqualTo("Upheld");
            browser.checkAccessibility();
            browser.screenshot("dispute-upheld");
            browser.open("/disputes/index.xhtml");
            assertThat(browser.text(By.id("mine"))).contains("Upheld");
            browser.checkAccessibility();
            browser.open("/dashboards/earnings.xhtml");
            assertThat(browser.text(By.id("by-datanet"))).doesNotContain("No earnings from answers yet");
            browser.checkAccessibility();
            browser.screenshot("earnings-dashboard-contributor");
        }
        try (Browser browser = new Browser().signIn("pat@tributary.test")) {
            browser.open("/admin/attribution.xhtml");
            assertThat(browser.text(By.id("figures"))).contains("Attribution latency");
            browser.checkAccessibility();
            browser.screenshot("attribution-admin");
        }
        try (Browser browser = new Browser().signIn("mia@acme.test")) {
            browser.open("/dashboards/earnings.xhtml");
            assertThat(browser.text(By.id("models"))).contains(AttributionIT.modelName);
            browser.checkAccessibility();
            browser.screenshot("earnings-dashboard-model-owner");
        }
    }
}
