package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.chain.MerkleProof;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The DataNet journey in a browser: upload, two approvals, a published release, a downloaded proof. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataNetBrowserIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    @Test
    void aContributionIsUploadedApprovedTwiceReleasedAndProven() throws Exception {
        String name = "Nutrition " + UUID.randomUUID().toString().substring(0, 6);
        String id = Api.as("mia@acme.test")
                .post("/datanets", """
                        {"name":"%s","domain":"nutrition","description":"Dietitians' answers.","tags":["food"],
                         "recordType":"QUESTION_ANSWER","licence":"CC-BY-4.0","visibility":"PRIVATE",
                         "allowedFormats":["JSONL"],"maxUploadBytes":1048576,"dailyQuota":1000,
                         "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.8,
                         "approvalsRequired":2,"reviewersPerRecord":2,"validatorPool":"OWNER_ORGANIZATION"}
                        """.formatted(name))
                .object()
                .getString("id");
        Path file = Files.createTempFile("fibre", ".jsonl");
        Files.writeString(
                file,
                "{\"question\":\"Which foods are rich in fibre?\",\"answer\":\"Whole grains, beans, lentils,"
                        + " vegetables, fruit, nuts and seeds.\"}\n",
                StandardCharsets.UTF_8);

        try (Browser carlos = new Browser().signIn("carlos@acme.test")) {
            carlos.open("/datanets/index.xhtml");
            carlos.click(By.linkText(name));
            carlos.present(By.cssSelector("input[type=file]")).sendKeys(file.toString());
            carlos.waitForText(By.id("messages"), "1 records received");
            assertThat(carlos.text(By.id("upload-report"))).contains("IN_REVIEW=1");
            carlos.screenshot("datanet-uploaded");
        }
        String record = Api.as("carlos@acme.test").get("/contributions/mine").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getString("dataNetId").equals(id))
                .findFirst()
                .orElseThrow()
                .getString("id");

        for (String validator : new String[] {"vera@acme.test", "victor@acme.test"}) {
            try (Browser browser = new Browser().signIn(validator)) {
                browser.open("/datanets/review.xhtml?id=" + id);
                assertThat(browser.text(By.id("current-id"))).isEqualTo(record);
                browser.type(By.id("review:reason"), "Matches dietary guidance.");
                browser.click(By.id("review:approve"));
                browser.waitForText(By.id("messages"), "Recorded: approve");
                assertThat(browser.text(By.id("queue-empty"))).contains("Nothing waits");
                browser.screenshot("review-" + validator.substring(0, validator.indexOf('@')));
            }
        }

        try (Browser mia = new Browser().signIn("mia@acme.test")) {
            mia.open("/datanets/datanet.xhtml?id=" + id);
            mia.click(By.linkText("Releases"));
            mia.click(By.id("tabs:releases:publish"));
            mia.click(By.cssSelector(".ui-confirmdialog-yes"));
            mia.waitForText(By.id("messages"), "Release published");
            String root = mia.text(By.cssSelector(".merkle-root"));
            assertThat(root).startsWith("0x").hasSize(66);
            mia.screenshot("release-published");

            // The download link answers an attachment; read it the way the page's own scripts would.
            String json = (String) ((org.openqa.selenium.JavascriptExecutor) mia.driver)
                    .executeAsyncScript(
                            "fetch(arguments[0]).then(r => r.text()).then(arguments[1])",
                            "/api/datanets/" + id + "/releases/1/proofs/" + record);
            MerkleProof proof = MerkleProof.fromJson(json);
            assertThat(proof.verify()).isTrue();
            assertThat(proof.root().hex()).isEqualTo(root);
            assertThat(proof.record().recordId().toString()).isEqualTo(record);
        }
        assertThat(Api.as("carlos@acme.test")
                        .get("/contributions/" + record)
                        .object()
                        .getString("status"))
                .isEqualTo("ACCEPTED");
    }
}
