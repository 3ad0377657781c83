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
        // Serving hosts the version once its ModelPublished is delivered: ask until it answers (one charged answer).
        String token = Api.tokens("mia@acme.test", "demo").getString("access_token");
        await("the model to answer on /v1", Duration.ofMinutes(2), () -> {
            Api.Answer answer = Api.call(HttpRequest.newBuilder(URI.create(Api.APP + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"acme/" + AttributionIT.modelName
                            + "@1\",\"max_tokens\":8,\"temperature\":0,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"What do bees make?\"}]}")));
            assertThat(answer.status()).as(answer.body()).isIn(200, 404);
            return answer.status() == 200;
        });
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
        // The platform pays corrections from its own fee on the receipt: a validator of the disputer's side cannot
        // make it pay more than it took.
        BigInteger cap = platformLeg.min(share);
        assertThat(evidence.object()
                        .getJsonObject("evidence")
                        .getJsonNumber("maxCorrection")
                        .bigIntegerValue())
                .isEqualTo(cap);
        Api.Answer beyondFee = vera.post(
                "/disputes/" + dispute + "/decision",
                uphold.formatted(new BigDecimal(cap.add(BigInteger.ONE))
                        .movePointLeft(18)
                        .toPlainString()));
        assertThat(beyondFee.status()).isEqualTo(400);
        assertThat(beyondFee.body()).contains("fee on this receipt");
        assertThat(vera.post(
                                "/disputes/" + dispute + "/decision",
                                "{\"verdict\":\"uphold\",\"reason\":\" \",\"correction\":0}")
                        .body())
                .contains("reason", "correction");
        assertThat(vera.get("/disputes/" + dispute).object().getString("status"))
                .isEqualTo("OPEN");

        // Upheld: one new transfer pays the correction into Carlos's earnings.
        BigInteger correction = cap.divide(BigInteger.TWO).max(BigInteger.ONE);
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
        // The attack: open the same dispute again and have it upheld again. A decided dispute is final, and what
        // is left to correct on the receipt shrank by what was paid.
        Api.Answer again = carlos.post("/disputes", draft);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("already decided");
        assertThat(vera.get("/disputes/" + dispute)
                        .object()
                        .getJsonObject("evidence")
                        .getJsonNumber("maxCorrection")
                        .bigIntegerValue())
                .isEqualTo(cap.subtract(correction));
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
        // A service key of another organization has no member, like the receipt's platform payee: it still sees
        // nothing of the receipt's disputes.
        Api.Answer issued = Api.as("gina@globex.test")
                .post("/api-keys", "{\"name\":\"dispute reader\",\"roles\":[\"contributor\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(Api.withKey(issued.object().getString("secret"))
                        .get("/disputes?receipt=" + receipt)
                        .status())
                .isEqualTo(404);
        // GET /receipts/{id} carries the correction too: the ADJUSTMENT transfer for the caller and for Carlos.
        for (Api viewer : new Api[] {mia, carlos}) {
            JsonObject listed = viewer.get("/receipts/" + receipt)
                    .object()
                    .getJsonArray("corrections")
                    .getJsonObject(0);
            assertThat(listed.getString("status")).isEqualTo("UPHELD");
            assertThat(listed.getJsonNumber("amount").bigIntegerValue()).isEqualTo(correction);
            assertThat(listed.getString("transferId")).isEqualTo(transfer);
        }
        // Its records are named by DataNet and a preview of their text, not by a bare id.
        JsonObject credited = after.getJsonArray("records").getJsonObject(0);
        assertThat(credited.getString("dataNet")).startsWith("Factory ");
        assertThat(credited.getString("preview")).isNotBlank();
        assertThat(after.getJsonArray("releaseRoots").getJsonObject(0).getString("dataNet"))
                .isEqualTo(credited.getString("dataNet"));

        // The model's attribution quality: its method and the reference figures, an unmet goal listed as not met;
        // public like the split, and an unknown version is not found.
        JsonObject quality = gus.get("/models/" + AttributionIT.version + "/attribution-quality")
                .object();
        assertThat(quality.getString("method")).isEqualTo("lora-layerwise-influence-normalized");
        assertThat(quality.getString("basis")).isIn("REFERENCE", "REFERENCE_OTHER_BASE");
        assertThat(quality.getString("basisLabel")).startsWith("Reference evaluation of the shipped base");
        assertThat(quality.getJsonArray("goals").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(g -> g.getString("key").equals("mislabeled-records"))
                        .findFirst()
                        .orElseThrow()
                        .getBoolean("met"))
                .isFalse();
        assertThat(quality.getInt("goalsMet"))
                .isLessThan(quality.getJsonArray("goals").size());
        assertThat(gus.get("/models/" + UUID.randomUUID() + "/attribution-quality")
                        .status())
                .isEqualTo(404);

        // The DataNet owner's dashboard: Mia created the DataNet; the model trained on it and what it paid.
        JsonObject board = mia.get("/dashboards/datanet-owner/" + dataNet).object();
        JsonObject use = board.getJsonArray("models").stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> ("acme/" + AttributionIT.modelName).equals(m.getString("model", "")))
                .findFirst()
                .orElseThrow();
        assertThat(use.getJsonNumber("receipts").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(use.getJsonNumber("toContributors").bigIntegerValue()).isPositive();
        assertThat(use.getString("organization")).isNotBlank();
        assertThat(use.getJsonArray("releases").getInt(0)).isEqualTo(1);
        assertThat(board.getJsonArray("byDay")).isNotEmpty();
        assertThat(board.getJsonNumber("toContributors").bigIntegerValue())
                .isGreaterThanOrEqualTo(use.getJsonNumber("toContributors").bigIntegerValue());
        assertThat(mia.get("/dashboards/datanet-owner").array())
                .anyMatch(d -> d.asJsonObject().getString("id").equals(dataNet));
        assertThat(mia.get("/dashboards/datanet-owner/" + dataNet + "/export.csv")
                        .body())
                .startsWith("model,version,organization,releases,receipts,contributors_trib,validators_trib\n")
                .contains(AttributionIT.modelName);
        assertThat(mia.get("/dashboards/datanet-owner/" + dataNet + "/export.csv?rows=days")
                        .body())
                .startsWith("day,receipts,contributors_trib,validators_trib\n");
        assertThat(mia.get("/dashboards/datanet-owner/" + dataNet + "/export.csv?rows=weeks")
                        .status())
                .isEqualTo(400);
        // Tenant isolation: Carlos (a contributor of Acme, not the DataNet's owner) is refused; Globex's members get
        // the same 404 as for a DataNet that does not exist, and their list does not name it.
        assertThat(carlos.get("/dashboards/datanet-owner/" + dataNet).status()).isEqualTo(403);
        assertThat(carlos.get("/dashboards/datanet-owner/" + dataNet + "/export.csv")
                        .status())
                .isEqualTo(403);
        for (Api stranger : new Api[] {gus, Api.as("gina@globex.test")}) {
            assertThat(stranger.get("/dashboards/datanet-owner/" + dataNet).status())
                    .isEqualTo(404);
            assertThat(stranger.get("/dashboards/datanet-owner/" + dataNet + "/export.csv")
                            .status())
                    .isEqualTo(404);
            assertThat(stranger.get("/dashboards/datanet-owner").array())
                    .noneMatch(d -> d.asJsonObject().getString("id").equals(dataNet));
        }

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
            browser.open("/receipts/receipt.xhtml?id=" + receipt);
            assertThat(browser.text(By.id("corrections"))).contains("Upheld").contains("TRIB");
            assertThat(browser.text(By.id("records"))).contains("Factory ");
            assertThat(browser.text(By.id("attribution-goals"))).contains("Not met");
            browser.checkAccessibility();
            browser.screenshot("receipt-with-correction");
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
            browser.open("/dashboards/datanet.xhtml?id=" + dataNet);
            assertThat(browser.text(By.id("models"))).contains(AttributionIT.modelName);
            assertThat(browser.text(By.id("datanet-totals"))).contains("TRIB");
            browser.checkAccessibility();
            browser.screenshot("datanet-dashboard");
            browser.open("/factory/model.xhtml?id=" + AttributionIT.version);
            assertThat(browser.text(By.id("attribution-method"))).contains("Normalized layer-wise influence");
            assertThat(browser.text(By.id("attribution-basis"))).contains("Reference evaluation");
            assertThat(browser.text(By.id("attribution-goals")))
                    .contains("Not met")
                    .contains("Met");
            browser.checkAccessibility();
            browser.screenshot("model-card-attribution-quality");
        }
    }
}
