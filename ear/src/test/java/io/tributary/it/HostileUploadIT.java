package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole {@link HostileCorpus} against the real server: no 5xx, every refusal a problem document with a message
 * and no stored record, every acceptance exactly its valid lines, stored names safe, and markup escaped on the page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileUploadIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    private static String draft(String recordType, String formats, String badLines) {
        return """
                {"name":"Hostile %s","domain":"testing","description":"Hostile uploads land here.","tags":["test"],
                 "recordType":"%s","licence":"CC0-1.0","visibility":"PRIVATE",
                 "allowedFormats":%s,"maxUploadBytes":8388608,"dailyQuota":100000,
                 "badLinePolicy":"%s","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.95,
                 "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                """.formatted(UUID.randomUUID().toString().substring(0, 8), recordType, formats, badLines);
    }

    private static long stored(Api owner, String dataNet) {
        return owner.get("/datanets/" + dataNet + "/overview").object().getJsonObject("records").values().stream()
                .mapToLong(v -> ((JsonNumber) v).longValue())
                .sum();
    }

    private static List<JsonObject> mine(Api contributor, String dataNet) {
        return contributor.all("/contributions/mine").stream()
                .filter(c -> c.getString("dataNetId").equals(dataNet))
                .toList();
    }

    @Test
    void theHostileCorpusGetsNoServerErrorNoPartialRecordsAndEscapedPages() {
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        Map<HostileCorpus.Target, String> dataNets = new EnumMap<>(HostileCorpus.Target.class);
        dataNets.put(
                HostileCorpus.Target.KEEP, create(mia, draft("QUESTION_ANSWER", "[\"JSONL\",\"CSV\"]", "KEEP_VALID")));
        dataNets.put(
                HostileCorpus.Target.STRICT,
                create(mia, draft("QUESTION_ANSWER", "[\"JSONL\",\"CSV\"]", "REJECT_FILE")));
        dataNets.put(
                HostileCorpus.Target.DOCUMENTS, create(mia, draft("DOCUMENT", "[\"TEXT\",\"DOCX\"]", "KEEP_VALID")));

        HostileCorpus corpus = new HostileCorpus();
        List<HostileCorpus.Case> cases = corpus.cases();
        List<String> failures = new ArrayList<>();
        int serverErrors = 0;
        int partial = 0;
        int refused = 0;
        int accepted = 0;
        for (HostileCorpus.Case c : cases) {
            String dataNet = dataNets.get(c.target());
            long before = stored(mia, dataNet);
            Api.Answer answer = carlos.upload(
                    "/datanets/" + dataNet + "/uploads?fileName="
                            + URLEncoder.encode(c.fileName(), StandardCharsets.UTF_8),
                    c.content());
            long added = stored(mia, dataNet) - before;
            String what = c.name() + " → " + answer.status() + " " + abbreviate(answer.body());
            if (answer.status() >= 500) {
                serverErrors++;
                failures.add("5xx: " + what);
                continue;
            }
            if (answer.status() >= 400) {
                refused++;
                if (!answer.contentType().startsWith("application/problem+json")
                        || answer.object().getString("detail", "").isBlank()) {
                    failures.add("refusal without a problem document: " + what);
                }
                if (added != 0) {
                    partial++;
                    failures.add("refused but " + added + " records stored: " + what);
                }
                if (c.validRecords() > 0) failures.add("refused, expected " + c.validRecords() + " records: " + what);
                continue;
            }
            accepted++;
            JsonObject report = answer.object();
            int reported = report.getJsonObject("records").values().stream()
                    .mapToInt(v -> ((JsonNumber) v).intValue())
                    .sum();
            if (c.mustRefuse()) failures.add("accepted, expected a refusal: " + what);
            if (reported != added) {
                partial++;
                failures.add("reported " + reported + " records but " + added + " stored: " + what);
            }
            if (c.validRecords() > 0 && added != c.validRecords()) {
                partial++;
                failures.add("expected exactly " + c.validRecords() + " valid records, stored " + added + ": " + what);
            }
            String name = report.getString("fileName");
            if (name.length() > 255 * 2
                    || name.contains("/")
                    || name.contains("\\")
                    || name.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == 0x202E)) {
                failures.add("unsafe stored name " + name + ": " + what);
            }
            if (c.forbidden() != null
                    && mine(carlos, dataNet).stream()
                            .anyMatch(r -> r.getJsonObject("fields").toString().contains(c.forbidden()))) {
                failures.add("stored forbidden content " + c.forbidden() + ": " + what);
            }
        }
        System.out.printf(
                "Hostile corpus: %d files, %d accepted, %d refused, %d server errors, %d partial%n",
                cases.size(), accepted, refused, serverErrors, partial);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(failures).isEmpty();
        assertThat(serverErrors).isZero();
        assertThat(partial).isZero();

        // Markup in record text and in file names is shown as text on the contributor's page, never run.
        try (Browser browser = new Browser().signIn("carlos@acme.test")) {
            browser.open("/datanets/mine.xhtml");
            String page = browser.page();
            assertThat(page).contains("&lt;script&gt;alert('corpus ");
            assertThat(page).doesNotContain("<script>alert('corpus ");
            assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;.jsonl");
            assertThat(page).doesNotContain("<img src=\"x\"");
            // The link arrives as text: its tag is escaped, so no anchor with a javascript: target exists.
            assertThat(page).contains("&lt;a href=");
        }
    }

    private static String create(Api owner, String json) {
        Api.Answer created = owner.post("/datanets", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.object().getString("id");
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
