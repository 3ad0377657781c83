package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.chain.AnchorKind;
import io.tributary.chain.AnchoredProof;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ReceiptLeaf;
import io.tributary.devstack.TestPlatform;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Attribution on the real stack: a completed run is indexed by the outbox's TrainingRunFinished, its published version
 * carries a fee split its owner chooses within staff's bounds, and an answer through serving's /v1 API gets a receipt
 * whose split is one balanced ledger transfer, visible to the caller in full, to the paid contributor without the
 * prompt, to nobody else, and provable against a root anchored in the ProvenanceRegistry.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AttributionIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    static String version;
    static String modelName;
    static String run;

    /** Mia trains a tiny run on Carlos's twelve facts (Vera approved them) and publishes it at 1 TRIB per 1k tokens. */
    @BeforeAll
    static void publishedModel() {
        Api mia = Api.as("mia@acme.test");
        String dataNet = FactoryIT.releasedDataNet("CC-BY-4.0");
        modelName = "attributed-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = mia.post(
                "/factory/runs",
                FactoryIT.runRequest(modelName, FactoryIT.baseId(mia), dataNet, true, FactoryIT.TINY.formatted(16, 8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        run = created.object().getString("id");
        assertThat(FactoryIT.awaitStatus(mia, run, "COMPLETED", "FAILED").getString("status"))
                .isEqualTo("COMPLETED");
        Api.Answer published = mia.post(
                "/factory/runs/" + run + "/publish", "{\"name\":\"" + modelName + "\",\"pricePer1kTokens\":1}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        version = published.object().getString("id");
    }

    @Test
    void aCompletedRunIsIndexedFromTheOutbox() {
        Api mia = Api.as("mia@acme.test");
        await(
                "the run's attribution index",
                Duration.ofMinutes(3),
                () -> mia.get("/models/" + version + "/attribution").object().getBoolean("indexed"));
        JsonObject status = mia.get("/models/" + version + "/attribution").object();
        assertThat(status.getJsonNumber("records").longValue()).isEqualTo(12);
        assertThat(status.getString("method")).startsWith("lora-");
        // Another organization learns nothing about it.
        assertThat(Api.as("gina@globex.test")
                        .get("/models/" + version + "/attribution")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theOwnerChoosesTheSplitWithinStaffBoundsAndBadInputChangesNothing() {
        Api mia = Api.as("mia@acme.test");
        // A version of its own: the other tests' answers fix the shared version's split.
        Api.Answer published = mia.post(
                "/factory/runs/" + run + "/publish",
                "{\"name\":\"split-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"pricePer1kTokens\":1}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        String version = published.object().getString("id");
        JsonObject split = mia.get("/models/" + version + "/split").object();
        assertThat(List.of(
                        split.getInt("contributorsBp"),
                        split.getInt("validatorsBp"),
                        split.getInt("ownerBp"),
                        split.getInt("platformBp")))
                .containsExactly(5000, 1000, 3000, 1000);

        Api.Answer notWhole = mia.put(
                "/models/" + version + "/split",
                "{\"contributorsBp\":5000,\"validatorsBp\":1000,\"ownerBp\":2000,\"platformBp\":1000}");
        assertThat(notWhole.status()).isEqualTo(400);
        assertThat(notWhole.body()).contains("10,000");
        Api.Answer outOfBounds = mia.put(
                "/models/" + version + "/split",
                "{\"contributorsBp\":9500,\"validatorsBp\":0,\"ownerBp\":0,\"platformBp\":500}");
        assertThat(outOfBounds.status()).isEqualTo(400);
        assertThat(outOfBounds.body()).contains("platform staff");
        assertThat(Api.as("carlos@acme.test")
                        .put(
                                "/models/" + version + "/split",
                                "{\"contributorsBp\":9000,\"validatorsBp\":0,\"ownerBp\":0,\"platformBp\":1000}")
                        .status())
                .isEqualTo(403);
        assertThat(Api.as("gina@globex.test")
                        .put(
                                "/models/" + version + "/split",
                                "{\"contributorsBp\":6000,\"validatorsBp\":1000,\"ownerBp\":2000,\"platformBp\":1000}")
                        .status())
                .isIn(403, 404);
        assertThat(mia.get("/models/" + version + "/split").object().getBoolean("chosen"))
                .isFalse();

        Api.Answer chosen = mia.put(
                "/models/" + version + "/split",
                "{\"contributorsBp\":6000,\"validatorsBp\":1000,\"ownerBp\":2000,\"platformBp\":1000}");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(mia.get("/models/" + version + "/split").object().getInt("contributorsBp"))
                .isEqualTo(6000);
        assertThat(mia.put("/admin/split-bounds", "{\"min\":{},\"max\":{}}").status())
                .isEqualTo(403);
    }

    @Test
    void anotherOrganizationsReceiptsAreNotFound() {
        Api gina = Api.as("gina@globex.test");
        assertThat(gina.get("/receipts").status()).isEqualTo(200);
        assertThat(gina.get("/receipts/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(gina.get("/receipts/" + UUID.randomUUID() + "/proof").status())
                .isEqualTo(404);
    }

    /** Whether serving's /v1 API is deployed (it arrives with the serving issue). */
    static boolean servingDeployed() {
        Api.Answer models = Api.call(HttpRequest.newBuilder(URI.create(Api.APP + "/v1/models"))
                .header(
                        "Authorization",
                        "Bearer " + Api.tokens("mia@acme.test", "demo").getString("access_token"))
                .GET());
        return models.status() == 200;
    }

    @Test
    void anAnswerGetsOneReceiptWhoseSplitIsOneBalancedTransferAndWhoseProofVerifies() throws Exception {
        assumeTrue(servingDeployed(), "serving's /v1 API is not deployed in this build");
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        await(
                "the run's attribution index",
                Duration.ofMinutes(3),
                () -> mia.get("/models/" + version + "/attribution").object().getBoolean("indexed"));
        String prompt = "How many legs does a spider have?";
        JsonObject receipt = askedOnV1("mia@acme.test", "acme/" + modelName + "@1", prompt);
        String id = receipt.getString("id");
        assertThat(receipt.getString("prompt")).contains(prompt);
        assertThat(receipt.getString("modelName")).isEqualTo(modelName);
        assertThat(receipt.getJsonArray("records")).isNotEmpty();
        BigInteger charge = receipt.getJsonNumber("charge").bigIntegerValue();
        BigInteger paid = receipt.getJsonArray("payees").stream()
                .map(p -> p.asJsonObject().getJsonNumber("amount").bigIntegerValue())
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(paid).isEqualTo(charge);

        // Carlos contributed every record: he sees the receipt that paid him, and his earnings rose by exactly his
        // legs.
        BigInteger carlosLegs = receipt.getJsonArray("payees").stream()
                .map(JsonValue::asJsonObject)
                .filter(p -> "CONTRIBUTOR".equals(p.getString("role")))
                .map(p -> p.getJsonNumber("amount").bigIntegerValue())
                .reduce(BigInteger.ZERO, BigInteger::add);
        JsonObject seenByCarlos = carlos.get("/receipts/" + id).object();
        // Carlos is in Acme, the calling organization: he sees the receipt in full. (A contributor of another
        // organization sees it without the prompt unless the caller shared it: InferenceAttributionTest.)
        assertThat(seenByCarlos.getBoolean("callerView")).isTrue();
        assertThat(seenByCarlos.getString("prompt")).contains(prompt);
        await(
                "Carlos's fee split earnings",
                Duration.ofSeconds(30),
                () -> !feeSplitCredits(carlos, id).isEmpty());
        assertThat(feeSplitCredits(carlos, id).stream()
                        .map(e -> e.getJsonNumber("amount").bigIntegerValue())
                        .reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(carlosLegs);
        assertThat(feeSplitCredits(carlos, id)).allMatch(e -> "FEE_SPLIT".equals(e.getString("causeType")));

        // The cross-tenant attack: Globex's admin asks for Acme's receipt, its proof and the list.
        Api gina = Api.as("gina@globex.test");
        assertThat(gina.get("/receipts/" + id).status()).isEqualTo(404);
        assertThat(gina.get("/receipts/" + id + "/proof").status()).isEqualTo(404);
        assertThat(gina.all("/receipts")).noneMatch(r -> r.getString("id").equals(id));

        // The split is fixed now that the version served.
        assertThat(mia.put(
                                "/models/" + version + "/split",
                                "{\"contributorsBp\":5000,\"validatorsBp\":1000,\"ownerBp\":3000,\"platformBp\":1000}")
                        .status())
                .isEqualTo(409);

        // The pages: the receipt with its records and split, and the fixed split on the model's split page.
        try (Browser browser = new Browser().signIn("mia@acme.test")) {
            browser.open("/receipts/receipt.xhtml?id=" + id);
            assertThat(browser.text(By.id("prompt"))).contains(prompt);
            assertThat(browser.text(By.id("payees")))
                    .contains("Data contributor")
                    .contains("Platform")
                    .contains("TRIB");
            browser.screenshot("attribution-receipt");
            browser.open("/receipts/index.xhtml");
            assertThat(browser.page()).contains(modelName);
            browser.open("/factory/split.xhtml?id=" + version);
            assertThat(browser.text(By.id("split-state"))).contains("fixed");
        }
        try (Browser browser = new Browser().signIn("carlos@acme.test")) {
            browser.open("/receipts/receipt.xhtml?id=" + id);
            assertThat(browser.text(By.id("prompt"))).contains(prompt);
        }

        // Sealed, anchored by the outbox, and provable offline.
        await(
                "the receipt's batch to be anchored",
                Duration.ofMinutes(2),
                () -> mia.get("/receipts/" + id).object().containsKey("anchoredBlock")
                        && !mia.get("/receipts/" + id).object().isNull("anchoredBlock"));
        String download = mia.get("/receipts/" + id + "/proof").body();
        AnchoredProof proof = AnchoredProof.fromJson(download);
        assertThat(proof.encoding()).isEqualTo(ReceiptLeaf.ENCODING);
        assertThat(proof.verifyInclusion()).isTrue();
        assertThat(proof.anchor().chainId()).isEqualTo(TestPlatform.deployment().chainId());
        assertThat(proof.anchor().registry())
                .isEqualTo(TestPlatform.deployment().registry());
        assertThat(proof.anchor().kind()).isEqualTo(AnchorKind.ATTRIBUTION_BATCH);
        Map<String, String> r = proof.record();
        assertThat("0x"
                        + HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256")
                                        .digest(proof.context().get("content").getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(r.get("contentSha256"));
        Bytes32 leaf = new ReceiptLeaf(
                        UUID.fromString(r.get("receiptId")),
                        UUID.fromString(r.get("modelVersionId")),
                        Bytes32.of(r.get("promptSha256")),
                        Bytes32.of(r.get("outputSha256")),
                        Bytes32.of(r.get("contentSha256")),
                        new BigInteger(r.get("charge")))
                .leaf();
        assertThat(leaf).isEqualTo(proof.leaf());
        // A third party's check: OpenZeppelin's StandardMerkleTree and an eth_call of the registry named in the file.
        JsonObject verdict = verify(download);
        assertThat(verdict.getBoolean("inclusion")).isTrue();
        assertThat(verdict.getBoolean("recordMatchesLeafValues")).isTrue();
        assertThat(verdict.getBoolean("contentMatches")).isTrue();
        assertThat(verdict.getBoolean("anchored")).isTrue();
        assertThat(verdict.getBoolean("kindMatches")).isTrue();
        assertThat(verdict.getBoolean("subjectMatches")).isTrue();
    }

    /**
     * The same run published with retrieval of 3 records: the answer's prompt holds the records MiniLM found nearest
     * to the question (the spider record first), and its receipt attributes the answer to exactly those records by
     * leave-one-out, best first, with the legs summing to the charge.
     */
    @Test
    void aRetrievalVersionsAnswerIsAttributedToTheRecordsInItsPromptByLeaveOneOut() {
        assumeTrue(servingDeployed(), "serving's /v1 API is not deployed in this build");
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        String name = "retrieval-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer tooMany = mia.post(
                "/factory/runs/" + run + "/publish",
                "{\"name\":\"" + name + "\",\"pricePer1kTokens\":1,\"retrievalTopK\":9}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("between 1 and 8");
        Api.Answer published = mia.post(
                "/factory/runs/" + run + "/publish",
                "{\"name\":\"" + name + "\",\"pricePer1kTokens\":1,\"retrievalTopK\":3}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.object().getInt("retrievalTopK")).isEqualTo(3);
        assertThat(published.object().getInt("version")).isEqualTo(1);

        String prompt = "How many legs does a spider have?";
        JsonObject receipt = askedOnV1("mia@acme.test", "acme/" + name + "@1", prompt);
        assertThat(receipt.getString("method")).isEqualTo("retrieval-leave-one-out");
        assertThat(receipt.getString("methodVersion")).contains("records=3", "passes=4");
        // The prompt the model read: the nearest record first in the context block, then the question.
        assertThat(receipt.getString("prompt"))
                .startsWith(
                        "### Instruction:\nContext:\n- How many legs does a spider have? A spider has eight legs.\n")
                .contains(prompt + "\n\n### Response:\n");
        List<JsonObject> records = receipt.getJsonArray("records").stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertThat(records).hasSize(3);
        // Every record scored is one of those in the prompt.
        for (JsonObject r : records) {
            JsonObject c =
                    carlos.get("/contributions/" + r.getString("recordId")).object();
            String text = c.getJsonObject("fields").getString("question") + " "
                    + c.getJsonObject("fields").getString("answer");
            assertThat(receipt.getString("prompt")).contains("- " + text + "\n");
        }
        // Best first. (Which record tops it is the model's: the shipped 4-layer base, tuned for 16 steps, does not
        // answer from the spider record, so the planted-answer case is checked where the likelihood is known:
        // ContextAblationTest, and measured in attribution-eval's retrieval figures.)
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i - 1).getJsonNumber("score").doubleValue())
                    .isGreaterThanOrEqualTo(
                            records.get(i).getJsonNumber("score").doubleValue());
        }
        BigInteger charge = receipt.getJsonNumber("charge").bigIntegerValue();
        assertThat(charge).isPositive();
        assertThat(receipt.getJsonArray("payees").stream()
                        .map(p -> p.asJsonObject().getJsonNumber("amount").bigIntegerValue())
                        .reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(charge);
        // The model card says how the version answers.
        try (Browser browser = new Browser().signIn("mia@acme.test")) {
            browser.open("/factory/model.xhtml?id=" + published.object().getString("id"));
            assertThat(browser.text(By.id("retrieval"))).contains("3 records", "leave-one-out");
        }
    }

    /**
     * The attack: Mia makes a retrieval model trained on Acme's private DataNet public, and Globex asks it the question
     * whose answer is a private record. The owner's prompt holds that record (the test above); Globex's prompt holds
     * no record of a DataNet Globex cannot read, so neither its answer nor its receipt can show one.
     */
    @Test
    void aPublicRetrievalModelRetrievesNoRecordOfAPrivateDataNetForAnotherOrganization() {
        assumeTrue(servingDeployed(), "serving's /v1 API is not deployed in this build");
        Api mia = Api.as("mia@acme.test");
        Api gina = Api.as("gina@globex.test");
        String name = "public-retrieval-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer published = mia.post(
                "/factory/runs/" + run + "/publish",
                "{\"name\":\"" + name + "\",\"pricePer1kTokens\":1,\"retrievalTopK\":3}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        buyGlobexCredits(gina, gina.get("/wallet").object().getString("address"), 20, 10);
        JsonObject receipt = globexAsksAcmesPublicModel(mia, name, "How many legs does a spider have?");
        assertThat(receipt.getString("prompt"))
                .doesNotContain("Context:")
                .doesNotContain("A spider has eight legs")
                .contains("How many legs does a spider have?");
        assertThat(receipt.getString("method")).isNotEqualTo("retrieval-leave-one-out");
    }

    /**
     * Globex pays for an answer of Acme's public model: the ledger moves the charge into Acme's accounts (less the
     * platform's share), settlement moves the same tokens on chain from Globex's wallet to Acme's, both wallets then
     * reconcile exactly, and Carlos withdraws what the answer earned him from Acme's wallet.
     */
    @Test
    void anotherOrganizationsAnswerIsSettledOnChainAndItsContributorIsPaidOut() {
        assumeTrue(servingDeployed(), "serving's /v1 API is not deployed in this build");
        Api mia = Api.as("mia@acme.test");
        Api olivia = Api.as("olivia@acme.test");
        Api gina = Api.as("gina@globex.test");
        Api carlos = Api.as("carlos@acme.test");
        Api pat = Api.as("pat@tributary.test");
        WalletIT.awaitDemoPayout(olivia);
        String name = "settled-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer published =
                mia.post("/factory/runs/" + run + "/publish", "{\"name\":\"" + name + "\",\"pricePer1kTokens\":1000}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        String settled = published.object().getString("id");
        await(
                "the run's attribution index",
                Duration.ofMinutes(3),
                () -> mia.get("/models/" + settled + "/attribution").object().getBoolean("indexed"));

        // Globex's treasury is funded on chain, and its admin buys prepaid credits from it.
        String globexWallet = gina.get("/wallet").object().getString("address");
        String acmeWallet = olivia.get("/wallet").object().getString("address");
        buyGlobexCredits(gina, globexWallet, 500, 300);

        JsonObject receipt =
                globexAsksAcmesPublicModel(mia, name, "How many legs does a spider have? Name every leg of a spider.");
        String receiptId = receipt.getString("id");
        BigInteger charge = receipt.getJsonNumber("charge").bigIntegerValue();
        assertThat(charge).isPositive();
        BigInteger carlosLegs = receipt.getJsonArray("payees").stream()
                .map(JsonValue::asJsonObject)
                .filter(p -> "CONTRIBUTOR".equals(p.getString("role")))
                .map(p -> p.getJsonNumber("amount").bigIntegerValue())
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(carlosLegs).isPositive();
        await(
                "Carlos's fee split earnings",
                Duration.ofSeconds(30),
                () -> !feeSplitCredits(carlos, receiptId).isEmpty());

        // The ledger owes Acme (almost all of) the charge and Globex owes all of it; settle now, as staff would.
        String acme = pat.tenantId("acme");
        String globex = pat.tenantId("globex");
        Map<String, BigInteger> before = positions(pat);
        assertThat(before.get(acme)).isPositive();
        assertThat(before.get(globex)).isLessThanOrEqualTo(charge.negate());
        BigInteger acmeOnChain = OnChain.tokens(acmeWallet);
        Api.Answer settle = pat.post("/admin/settlements", "{}");
        assertThat(settle.status()).as(settle.body()).isEqualTo(200);
        List<JsonObject> queued =
                settle.array().stream().map(JsonValue::asJsonObject).toList();
        assertThat(queued)
                .anyMatch(s -> s.getString("debtorTenantId").equals(globex)
                        && s.getString("creditorTenantId").equals(acme));
        assertThat(queued).noneMatch(s -> s.getString("debtorTenantId").equals(acme));
        BigInteger toAcme = queued.stream()
                .filter(s -> s.getString("creditorTenantId").equals(acme))
                .map(s -> s.getJsonNumber("amount").bigIntegerValue())
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(toAcme).isEqualTo(before.get(acme));
        // Planned once: asking again queues nothing more.
        assertThat(pat.post("/admin/settlements", "{}").array()).isEmpty();
        assertThat(Api.as("olivia@acme.test").get("/admin/settlements").status())
                .isEqualTo(403);

        List<String> ids = queued.stream().map(s -> s.getString("id")).toList();
        await(
                "the settlements to be confirmed on chain and seen arriving",
                Duration.ofMinutes(2),
                () -> pat.all("/admin/settlements").stream()
                        .filter(s -> ids.contains(s.getString("id")))
                        .allMatch(s -> "SETTLED".equals(s.getString("status")) && present(s, "receivedBlock")));
        assertThat(OnChain.tokens(acmeWallet)).isEqualTo(acmeOnChain.add(toAcme));
        assertThat(positions(pat)).doesNotContainKey(acme);
        long settledBlock = pat.all("/admin/settlements").stream()
                .filter(s -> ids.contains(s.getString("id")))
                .mapToLong(s -> s.getJsonNumber("blockNumber").longValue())
                .max()
                .orElseThrow();

        // Staff see it on Admin → Wallets, in words.
        try (Browser browser = new Browser().signIn("pat@tributary.test")) {
            browser.open("/admin/wallets.xhtml");
            assertThat(browser.text(By.id("settlement:settlements")))
                    .contains("Globex")
                    .contains("Acme")
                    .contains("Settled");
            browser.screenshot("admin-settlements");
        }

        // Both wallets reconcile after the transfer, and each holds on chain what its ledger says it backs.
        for (Api admin : List.of(olivia, gina)) {
            await(
                    "a reconciliation after block " + settledBlock,
                    Duration.ofMinutes(2),
                    () -> reconciledBlock(admin) >= settledBlock);
            JsonObject wallet = admin.get("/wallet").object();
            assertThat(wallet.getBoolean("reconciledOk", false))
                    .as(wallet.toString())
                    .isTrue();
            assertThat(wallet.getBoolean("frozen")).isFalse();
            assertThat(OnChain.tokens(wallet.getString("address")))
                    .isEqualTo(wallet.getJsonNumber("ledgerHoldings").bigIntegerValue());
        }

        // Acme's wallet pays Carlos what he earned, this answer's share included.
        String carlosAddress =
                carlos.get("/earnings/withdrawal-address").object().getString("address");
        CoolingOff.addressUsableNow(carlosAddress);
        BigInteger carlosOnChain = OnChain.tokens(carlosAddress);
        BigInteger owed = carlos.get("/earnings").array().stream()
                .map(b -> b.asJsonObject().getJsonNumber("posted").bigIntegerValue())
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(owed).isGreaterThanOrEqualTo(carlosLegs);
        Api.Answer withdrawal =
                carlos.post("/earnings/withdrawals", "{}", UUID.randomUUID().toString());
        assertThat(withdrawal.status()).as(withdrawal.body()).isIn(200, 201);
        WalletIT.awaitRun(olivia, withdrawal.object().getString("id"), "COMPLETED");
        assertThat(OnChain.tokens(carlosAddress)).isEqualTo(carlosOnChain.add(owed));
    }

    /** The block the organization's wallet was last reconciled at, or -1 before the first reconciliation. */
    static long reconciledBlock(Api admin) {
        JsonObject wallet = admin.get("/wallet").object();
        return present(wallet, "reconciledBlock")
                ? wallet.getJsonNumber("reconciledBlock").longValue()
                : -1;
    }

    /** Funds Globex's treasury on chain with {@code deposit} TRIB and buys {@code credits} TRIB of prepaid credits. */
    static void buyGlobexCredits(Api gina, String globexWallet, long deposit, long credits) {
        BigInteger treasury =
                gina.get("/treasury").object().getJsonNumber("posted").bigIntegerValue();
        OnChain.mint(globexWallet, deposit);
        await(
                "Globex's deposit",
                Duration.ofMinutes(2),
                () -> gina.get("/treasury")
                        .object()
                        .getJsonNumber("posted")
                        .bigIntegerValue()
                        .equals(treasury.add(OnChain.trib(deposit))));
        Api.Answer topUp = gina.post("/serving/credits", "{\"amount\":" + credits + "}");
        assertThat(topUp.status()).as(topUp.body()).isEqualTo(200);
    }

    /** Mia makes Acme's model public for as long as Gina asks it one question; returns Globex's receipt for it. */
    static JsonObject globexAsksAcmesPublicModel(Api mia, String name, String question) {
        Api.Answer shared = mia.put("/serving/models/" + name, "{\"isPublic\":true}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        try {
            return askedOnV1("gina@globex.test", "acme/" + name, question);
        } finally {
            mia.put("/serving/models/" + name, "{\"isPublic\":false}");
        }
    }

    /**
     * The member asks the model one chat question on {@code /v1} (again while serving is still loading it: one
     * charged answer) and waits for the answer's receipt, which it returns as the member's organization sees it.
     */
    static JsonObject askedOnV1(String email, String model, String question) {
        Api asker = Api.as(email);
        Set<String> before =
                asker.all("/receipts").stream().map(r -> r.getString("id")).collect(Collectors.toSet());
        String token = Api.tokens(email, "demo").getString("access_token");
        await(model + " to answer on /v1", Duration.ofMinutes(3), () -> {
            Api.Answer a = Api.call(HttpRequest.newBuilder(URI.create(Api.APP + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                            + "\",\"max_tokens\":8,\"temperature\":0,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}")));
            assertThat(a.status()).as(a.body()).isIn(200, 404);
            return a.status() == 200;
        });
        await(
                "the receipt of " + model + "'s answer",
                Duration.ofMinutes(2),
                () -> asker.all("/receipts").stream().anyMatch(r -> !before.contains(r.getString("id"))));
        String id = asker.all("/receipts").stream()
                .map(r -> r.getString("id"))
                .filter(r -> !before.contains(r))
                .findFirst()
                .orElseThrow();
        return asker.get("/receipts/" + id).object();
    }

    static boolean present(JsonObject object, String key) {
        return object.containsKey(key) && !object.isNull(key);
    }

    /** Platform staff's view of the unsettled positions, by organization id. */
    static Map<String, BigInteger> positions(Api staff) {
        Map<String, BigInteger> positions = new java.util.HashMap<>();
        staff.get("/admin/settlements/positions").array().stream()
                .map(JsonValue::asJsonObject)
                .forEach(p -> positions.put(
                        p.getString("tenantId"), p.getJsonNumber("position").bigIntegerValue()));
        return positions;
    }

    /** Runs ear/src/test/proofs/verify-proof.mjs (npm: @openzeppelin/merkle-tree) on the proof, as ProofVerificationIT. */
    static JsonObject verify(String proofJson) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("receipt-proof", ".json");
        try {
            java.nio.file.Files.writeString(file, proofJson, StandardCharsets.UTF_8);
            Process node = new ProcessBuilder(
                            System.getProperty("node.executable", "node"),
                            System.getProperty("proofs.verifier"),
                            file.toString(),
                            TestPlatform.deployment().rpcUrl().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor()).as(out).isZero();
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(out))) {
                return reader.readObject();
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** The member's posted contributor earnings (DisputeIT measures corrections with it). */
    static BigInteger earnings(Api api) {
        return api.get("/earnings").array().stream()
                .map(JsonValue::asJsonObject)
                .map(b -> b.getJsonNumber("posted").bigIntegerValue())
                .findFirst()
                .orElse(BigInteger.ZERO);
    }

    /** The member's earnings entries caused by this receipt's fee split. */
    static List<JsonObject> feeSplitCredits(Api api, String receiptId) {
        return api.all("/earnings/history").stream()
                .filter(e -> ("receipt:" + receiptId).equals(e.getString("causeRef", "")))
                .toList();
    }
}
