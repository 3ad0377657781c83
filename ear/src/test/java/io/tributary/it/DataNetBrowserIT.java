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
            assertThat(carlos.text(By.id("upload-report"))).contains("In review: 1");
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

    /**
     * The DataNet pages read as words (labels, times in the browser's zone, grouped counts), their lists sort and filter
     * in the database, and no text is cut off at 1280 px or at a phone's 390 px (screenshots in target/screenshots).
     */
    @Test
    void dataNetPagesSortFilterAndFitDesktopAndPhoneWidths() {
        String clinical = Api.as("mia@acme.test").get("/datanets").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(d -> d.getString("name").equals("Clinical Q&A"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        String other = "Zoology " + UUID.randomUUID().toString().substring(0, 6);
        assertThat(Api.as("mia@acme.test")
                        .post("/datanets", """
                        {"name":"%s","domain":"zoology","description":"Animals.","tags":[],
                         "recordType":"QUESTION_ANSWER","licence":"CC-BY-4.0","visibility":"PRIVATE",
                         "allowedFormats":["JSONL"],"maxUploadBytes":1048576,"dailyQuota":1000,
                         "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.8,
                         "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                        """.formatted(other))
                        .status())
                .isEqualTo(201);
        try (Browser mia = new Browser().signIn("mia@acme.test")) {
            mia.open("/datanets/index.xhtml");
            mia.waitForText(By.id("list:datanets"), other);
            // Labels, not constants.
            assertThat(mia.text(By.id("list:datanets")))
                    .contains("Question / answer")
                    .doesNotContain("QUESTION_ANSWER");
            // Filtering by name happens in the database query: only the matching DataNet is left.
            mia.type(By.cssSelector("#list\\:datanets th.ui-filter-column input.ui-column-filter"), "clinical");
            mia.waitForText(By.id("list:datanets"), "Clinical Q&A");
            new org.openqa.selenium.support.ui.WebDriverWait(mia.driver, java.time.Duration.ofSeconds(30))
                    .until(d -> !d.findElement(By.id("list:datanets")).getText().contains(other));
            // A time reads in the viewer's zone with the exact moment as its machine value.
            mia.open("/datanets/datanet.xhtml?id=" + clinical);
            mia.click(By.linkText("Releases"));
            String datetime =
                    mia.find(By.cssSelector("#tabs\\:releases\\:table time")).getAttribute("datetime");
            assertThat(datetime).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

            for (int width : new int[] {1280, 390}) {
                mia.width(width);
                for (String page : new String[] {
                    "/datanets/index.xhtml", "/datanets/datanet.xhtml?id=" + clinical, "/datanets/mine.xhtml"
                }) {
                    mia.open(page);
                    mia.find(By.id("page-title"));
                    String name = page.replaceAll("[^a-z]+", "-") + width;
                    mia.screenshot("fit" + name);
                    assertThat(mia.clippedText())
                            .as("cut-off text on %s at %d px", page, width)
                            .isEmpty();
                }
            }
        }
        try (Browser vera = new Browser().signIn("vera@acme.test")) {
            for (int width : new int[] {1280, 390}) {
                vera.width(width);
                vera.open("/datanets/review.xhtml?id=" + clinical);
                vera.find(By.id("page-title"));
                vera.screenshot("fit-review-" + width);
                assertThat(vera.clippedText())
                        .as("cut-off text on the review queue at %d px", width)
                        .isEmpty();
            }
        }
    }
}
