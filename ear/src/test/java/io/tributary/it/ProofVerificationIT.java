package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.chain.AnchoredProof;
import io.tributary.chain.Bytes32;
import io.tributary.devstack.TestPlatform;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Release proofs stand alone, checked as a third party would: a record's downloaded proof names its chain, registry,
 * anchoring transaction, block and subject (the release id), and OpenZeppelin's own {@code @openzeppelin/merkle-tree}
 * plus a plain {@code eth_call} of the registry (ear/src/test/proofs/verify-proof.mjs, from the npm registry) accept it
 * against the real Hardhat chain, and refuse it once edited. The release export is one file for every reader, naming
 * contributors of both organizations by public name and nobody by e-mail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProofVerificationIT {

    /** Generous, for a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String dataNet;
    private static JsonObject release;
    private static String carlosRecord;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** Acme's public DataNet with one record from Acme (carlos) and one from Globex (gus), released and anchored. */
    @BeforeAll
    static void anchoredRelease() {
        Api mia = Api.as("mia@acme.test");
        Api.Answer created =
                mia.post("/datanets", """
                {"name":"Proofs %s","domain":"testing","description":"Two organizations contribute.","tags":["test"],
                 "recordType":"QUESTION_ANSWER","licence":"CC0-1.0","visibility":"PUBLIC",
                 "allowedFormats":["JSONL"],"maxUploadBytes":1048576,"dailyQuota":1000,
                 "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.8,
                 "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        dataNet = created.object().getString("id");
        Api.Answer fromAcme = Api.as("carlos@acme.test")
                .post(
                        "/datanets/" + dataNet + "/records",
                        "{\"question\":\"Which organ filters blood?\",\"answer\":\"The kidneys filter it.\"}");
        assertThat(fromAcme.status()).as(fromAcme.body()).isEqualTo(201);
        carlosRecord = Api.as("carlos@acme.test").all("/contributions/mine").stream()
                .map(JsonValue::asJsonObject)
                .filter(r -> r.getString("dataNetId").equals(dataNet))
                .findFirst()
                .orElseThrow()
                .getString("id");
        Api.Answer fromGlobex = Api.as("gus@globex.test")
                .post(
                        "/datanets/" + dataNet + "/records",
                        "{\"question\":\"What is an indemnity clause?\",\"answer\":\"A promise to cover another"
                                + " party's losses.\"}");
        assertThat(fromGlobex.status()).as(fromGlobex.body()).isEqualTo(201);
        Api vera = Api.as("vera@acme.test");
        vera.get("/datanets/" + dataNet + "/queue")
                .array()
                .forEach(c -> assertThat(vera.post(
                                        "/contributions/" + c.asJsonObject().getString("id") + "/reviews",
                                        "{\"verdict\":\"approve\",\"reason\":\"correct\"}")
                                .status())
                        .isEqualTo(200));
        Api.Answer published = mia.post("/datanets/" + dataNet + "/releases", "");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        await("the release to be anchored", WAIT, () -> latestRelease().containsKey("anchoredBlock"));
        release = latestRelease();
    }

    @Test
    void aDownloadedProofVerifiesWithOpenZeppelinsLibraryAndTheRegistryOnChain() throws Exception {
        Api.Answer download =
                Api.as("carlos@acme.test").get("/datanets/" + dataNet + "/releases/1/proofs/" + carlosRecord);
        assertThat(download.status()).as(download.body()).isEqualTo(200);

        // Everything a third party needs is in the file.
        JsonObject proof = download.object();
        JsonObject anchor = proof.getJsonObject("anchor");
        assertThat(proof.getString("format")).isEqualTo("tributary.proof.v1");
        assertThat(proof.getString("encoding")).isEqualTo("tributary.datanet-record.v1");
        assertThat(anchor.getJsonNumber("chainId").longValue())
                .isEqualTo(TestPlatform.deployment().chainId());
        assertThat(anchor.getString("registry"))
                .isEqualTo(TestPlatform.deployment().registry().checksummed());
        assertThat(anchor.getString("kind")).isEqualTo("DataNetRelease");
        assertThat(anchor.getString("subject"))
                .as("anchored under the release id, not the DataNet id")
                .isEqualTo(Bytes32.fromUuid(UUID.fromString(release.getString("id")))
                        .hex());
        assertThat(anchor.getString("transactionHash")).isEqualTo(release.getString("anchorTransaction"));
        assertThat(anchor.getJsonNumber("blockNumber").longValue())
                .isEqualTo(release.getJsonNumber("anchoredBlock").longValue());
        assertThat(proof.getJsonObject("context").getString("anchoredUnder")).isEqualTo("releaseId");
        // The release list says the same.
        assertThat(release.getJsonNumber("anchorChainId").longValue())
                .isEqualTo(TestPlatform.deployment().chainId());
        assertThat(release.getString("anchorRegistry")).isEqualTo(anchor.getString("registry"));
        assertThat(release.getString("anchoredUnder")).isEqualTo("releaseId");
        assertThat(AnchoredProof.fromJson(download.body()).releaseProof().verify())
                .isTrue();

        // OpenZeppelin's library and the registry on chain agree, with nothing from Tributary.
        JsonObject verdict = verify(download.body(), 0);
        assertThat(verdict.getBoolean("inclusion")).isTrue();
        assertThat(verdict.getBoolean("recordMatchesLeafValues")).isTrue();
        assertThat(verdict.getBoolean("anchored")).isTrue();
        assertThat(verdict.getBoolean("subjectMatches")).isTrue();
        assertThat(verdict.getBoolean("transactionMatches")).isTrue();

        // An edited content hash fails inclusion; a proof claiming another subject fails the anchor check.
        String content = proof.getJsonObject("record").getString("contentSha256");
        String edited = content.substring(0, 65) + (content.endsWith("0") ? "1" : "0");
        assertThat(verify(download.body().replace(content, edited), 1).getBoolean("inclusion"))
                .isFalse();
        String otherSubject = Bytes32.fromUuid(UUID.fromString(dataNet)).hex();
        assertThat(verify(download.body().replace(anchor.getString("subject"), otherSubject), 1)
                        .getBoolean("subjectMatches"))
                .isFalse();
    }

    @Test
    void theExportIsOneFileForEveryReaderWithPublicNamesAndNoEmail() {
        String path = "/datanets/" + dataNet + "/releases/1/export";
        Api.Answer owner = Api.as("mia@acme.test").get(path);
        Api.Answer otherTenant = Api.as("gus@globex.test").get(path);
        assertThat(owner.status()).isEqualTo(200);
        assertThat(otherTenant.status()).isEqualTo(200);

        // The attack: the owner's organization downloads the export and hands it on (to a model builder of another
        // organization, next to the anchored root). Before, it named Acme's contributor by e-mail.
        assertThat(sorted(owner.body())).isEqualTo(sorted(otherTenant.body()));
        assertThat(owner.body()).doesNotContain("@acme.test").doesNotContain("@globex.test");
        String carlosName =
                Api.as("carlos@acme.test").get("/members/me").object().getString("publicName");
        String gusName = Api.as("gus@globex.test").get("/members/me").object().getString("publicName");
        List<String> contributors = owner.body()
                .lines()
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .map(line -> line.getString("contributor"))
                .sorted()
                .toList();
        assertThat(contributors).containsExactlyInAnyOrder(carlosName, gusName);
    }

    /** Runs verify-proof.mjs on the text against the dev chain and answers its verdict, checking its exit code. */
    private static JsonObject verify(String proofJson, int expectedExit) throws IOException, InterruptedException {
        Path file = Files.createTempFile("proof", ".json");
        try {
            Files.writeString(file, proofJson, StandardCharsets.UTF_8);
            Process node = new ProcessBuilder(
                            System.getProperty("node.executable", "node"),
                            System.getProperty("proofs.verifier"),
                            file.toString(),
                            TestPlatform.deployment().rpcUrl().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor()).as(out).isEqualTo(expectedExit);
            System.out.println("ProofVerificationIT: verify-proof.mjs " + out.strip());
            return Json.createReader(new StringReader(out)).readObject();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static JsonObject latestRelease() {
        return Api.as("mia@acme.test")
                .get("/datanets/" + dataNet + "/releases")
                .array()
                .getJsonObject(0);
    }

    private static List<String> sorted(String jsonLines) {
        return jsonLines.lines().sorted().toList();
    }
}
