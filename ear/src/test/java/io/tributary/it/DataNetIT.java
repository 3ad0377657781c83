package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.chain.Bytes32;
import io.tributary.chain.MerkleProof;
import io.tributary.chain.ReleaseRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DataNets over the API: checks, quorum, duplicates, personal data, visibility, bad input, releases and proofs. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataNetIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    private static String draft(String name, String visibility, int k, int n, String badLines, String pii, long max) {
        return """
                {"name":"%s","domain":"testing","description":"A DataNet made by a test.","tags":["test"],
                 "recordType":"QUESTION_ANSWER","licence":"CC0-1.0","visibility":"%s",
                 "allowedFormats":["JSONL","CSV","DOCX","TEXT"],"maxUploadBytes":%d,"dailyQuota":100000,
                 "badLinePolicy":"%s","personalDataPolicy":"%s","nearDuplicateThreshold":0.8,
                 "approvalsRequired":%d,"reviewersPerRecord":%d,"validatorPool":"OWNER_ORGANIZATION"}
                """.formatted(name, visibility, max, badLines, pii, k, n);
    }

    private static String create(Api owner, String json) {
        Api.Answer created = owner.post("/datanets", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.object().getString("id");
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String qa(String q, String a) {
        return "{\"question\":\"" + q + "\",\"answer\":\"" + a + "\"}\n";
    }

    private static List<JsonObject> mine(Api contributor) {
        return contributor.all("/contributions/mine");
    }

    private static JsonObject find(List<JsonObject> records, String text) {
        return records.stream()
                .filter(r -> r.getJsonObject("fields").toString().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record with " + text));
    }

    @Test
    void quorumAcceptsRejectsEscalatesAndRefusesSelfReview() {
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        Api vera = Api.as("vera@acme.test");
        Api victor = Api.as("victor@acme.test");
        String id = create(mia, draft(unique("Quorum"), "PRIVATE", 2, 3, "KEEP_VALID", "FLAG", 1 << 20));
        Api.Answer upload = carlos.upload(
                "/datanets/" + id + "/uploads?fileName=q.jsonl",
                utf8(qa("How often should adults exercise weekly?", "About 150 minutes of moderate activity.")
                        + qa("Is water the best drink for hydration?", "For most people plain water is ideal.")
                        + qa(
                                "What vitamin does sunlight help the body make?",
                                "Sunlight helps the skin make vitamin D.")));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        assertThat(upload.object().getJsonObject("records").getInt("IN_REVIEW")).isEqualTo(3);
        List<JsonObject> queue = vera.get("/datanets/" + id + "/queue").array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertThat(queue).hasSize(3);
        String accept = find(queue, "exercise").getString("id");
        String reject = find(queue, "hydration").getString("id");
        String split = find(queue, "vitamin").getString("id");

        String approve = "{\"verdict\":\"approve\",\"reason\":\"correct\"}";
        String refuse = "{\"verdict\":\"reject\",\"reason\":\"unsupported\"}";
        assertThat(vera.post("/contributions/" + accept + "/reviews", approve)
                        .object()
                        .getString("status"))
                .isEqualTo("IN_REVIEW");
        assertThat(vera.post("/contributions/" + accept + "/reviews", approve).status())
                .isEqualTo(409);
        assertThat(victor.post("/contributions/" + accept + "/reviews", approve)
                        .object()
                        .getString("status"))
                .isEqualTo("ACCEPTED");

        vera.post("/contributions/" + reject + "/reviews", refuse);
        assertThat(victor.post("/contributions/" + reject + "/reviews", refuse)
                        .object()
                        .getString("status"))
                .isEqualTo("REJECTED");

        vera.post("/contributions/" + split + "/reviews", approve);
        victor.post("/contributions/" + split + "/reviews", refuse);
        // the deciding vote comes from a third validator: olivia is made one for this test
        Api olivia = Api.as("olivia@acme.test");
        String oliviaId = olivia.memberId("olivia@acme.test");
        olivia.put("/members/" + oliviaId + "/roles", "{\"roles\":[\"org-admin\",\"validator\",\"contributor\"]}");
        try {
            Api.Answer third = Api.as("olivia@acme.test").post("/contributions/" + split + "/reviews", approve);
            assertThat(third.object().getString("status")).isEqualTo("ESCALATED");
            assertThat(mia.get("/datanets/" + id + "/escalations").body()).contains(split);
            assertThat(mia.get("/notifications").body()).contains("needs your ruling");
            assertThat(vera.post("/contributions/" + split + "/ruling", approve).status())
                    .isEqualTo(403);
            assertThat(mia.post("/contributions/" + split + "/ruling", "{\"verdict\":\"approve\",\"reason\":\"\"}")
                            .status())
                    .isEqualTo(400);
            assertThat(mia.post("/contributions/" + split + "/ruling", "{\"verdict\":\"reject\",\"reason\":\"owner\"}")
                            .object()
                            .getString("status"))
                    .isEqualTo("REJECTED");

            // nobody reviews their own contributions
            String own = create(mia, draft(unique("Own"), "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 1 << 20));
            Api.Answer mine = Api.as("olivia@acme.test")
                    .post(
                            "/datanets/" + own + "/records",
                            "{\"question\":\"Own question here?\",\"answer\":\"Own answer.\"}");
            assertThat(mine.status()).as(mine.body()).isEqualTo(201);
            String ownRecord =
                    find(mine(Api.as("olivia@acme.test")), "Own question").getString("id");
            Api.Answer self = Api.as("olivia@acme.test").post("/contributions/" + ownRecord + "/reviews", approve);
            assertThat(self.status()).isEqualTo(403);
            assertThat(self.object().getString("detail")).contains("own");
        } finally {
            olivia.put("/members/" + oliviaId + "/roles", "{\"roles\":[\"org-admin\"]}");
        }
        // Decisions reach the contributor through the outbox (ContributionDecided), just after each vote commits.
        OnChain.await("carlos to be told of both decisions", java.time.Duration.ofSeconds(60), () -> {
            String notices = carlos.get("/notifications").body();
            return notices.contains("accepted") && notices.contains("rejected");
        });
        assertThat(carlos.get("/notifications").body()).contains("accepted", "rejected");
        assertThat(mia.get("/datanets/" + id + "/overview")
                        .object()
                        .getJsonObject("records")
                        .getInt("ACCEPTED"))
                .isEqualTo(1);
    }

    @Test
    void duplicatesAreBlockedAndTheFirstContributorKeepsPriorityAcrossOrganizations() {
        Api mia = Api.as("mia@acme.test");
        String id = create(mia, draft(unique("Dup"), "PUBLIC", 1, 1, "KEEP_VALID", "FLAG", 1 << 20));
        String original = "Regular physical activity lowers the risk of heart disease, stroke and type two diabetes,"
                + " strengthens bones and muscles, helps people keep a healthy weight, and improves mood, sleep,"
                + " memory and concentration. Adults should aim for at least one hundred and fifty minutes of"
                + " moderate activity such as brisk walking or cycling each week, spread over several days, plus"
                + " muscle strengthening exercises on two days, and should break up long periods of sitting with"
                + " short walks or stretches, which benefits people of every age group";
        Api carlos = Api.as("carlos@acme.test");
        assertThat(carlos.upload("/datanets/" + id + "/uploads?fileName=a.jsonl", utf8(qa("Why exercise?", original)))
                        .status())
                .isEqualTo(201);
        Api gus = Api.as("gus@globex.test");
        String nearCopy = original.replace("every age group", "every age bracket");
        Api.Answer second = gus.upload(
                "/datanets/" + id + "/uploads?fileName=b.jsonl",
                utf8(qa("Why exercise?", original)
                        + qa("Why exercise?", nearCopy)
                        + qa(
                                "What is a balanced plate?",
                                "Half vegetables and fruit, a quarter grains, a quarter protein.")));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.object().getJsonObject("records").getInt("BLOCKED")).isEqualTo(2);
        assertThat(second.object().getJsonObject("records").getInt("IN_REVIEW")).isEqualTo(1);
        List<JsonObject> gusRecords = mine(gus);
        String carlosRecord = find(mine(carlos), "every age group").getString("id");
        JsonObject exact = gusRecords.stream()
                .filter(r -> r.getString("status").equals("BLOCKED")
                        && r.getString("decisionReason").startsWith("exact duplicate"))
                .findFirst()
                .orElseThrow();
        assertThat(exact.getString("decisionReason")).contains(carlosRecord);
        JsonObject near = find(gusRecords, "age bracket");
        assertThat(near.getString("status")).isEqualTo("BLOCKED");
        assertThat(near.getString("decisionReason")).contains("near duplicate").contains(carlosRecord);
        assertThat(near.getString("similarTo")).isEqualTo(carlosRecord);
        assertThat(find(mine(carlos), "every age group").getString("status")).isEqualTo("IN_REVIEW");
    }

    @Test
    void personalDataIsFlaggedOrBlockedPerPolicy() {
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        String flag = create(mia, draft(unique("PII flag"), "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 1 << 20));
        String block = create(mia, draft(unique("PII block"), "PRIVATE", 1, 1, "KEEP_VALID", "BLOCK", 1 << 20));
        String record = qa("Who do I call about billing?", "Write to jane.doe@example.com or call +44 20 7946 0958.");
        carlos.upload("/datanets/" + flag + "/uploads?fileName=p.jsonl", utf8(record));
        carlos.upload("/datanets/" + block + "/uploads?fileName=p.jsonl", utf8(record));
        List<JsonObject> records = mine(carlos).stream()
                .filter(r -> r.getJsonObject("fields").toString().contains("billing"))
                .toList();
        JsonObject flagged = records.stream()
                .filter(r -> r.getString("dataNetId").equals(flag))
                .findFirst()
                .orElseThrow();
        JsonObject blocked = records.stream()
                .filter(r -> r.getString("dataNetId").equals(block))
                .findFirst()
                .orElseThrow();
        assertThat(flagged.getString("status")).isEqualTo("IN_REVIEW");
        assertThat(flagged.getJsonArray("checks").toString()).contains("personal-data", "WARN", "EMAIL");
        assertThat(blocked.getString("status")).isEqualTo("BLOCKED");
        assertThat(blocked.getString("decisionReason")).contains("personal data");
        assertThat(blocked.getString("decisionReason")).doesNotContain("jane.doe@example.com");
    }

    @Test
    void privateDataNetsAreInvisibleToOtherOrganizationsAndPublicOnesOpenToThem() {
        Api mia = Api.as("mia@acme.test");
        String secret = create(mia, draft(unique("Private"), "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 1 << 20));
        String open = create(mia, draft(unique("Public"), "PUBLIC", 1, 1, "KEEP_VALID", "FLAG", 1 << 20));
        Api gus = Api.as("gus@globex.test");
        assertThat(gus.get("/datanets").body()).doesNotContain(secret).contains(open);
        assertThat(gus.get("/datanets/" + secret).status()).isEqualTo(404);
        assertThat(gus.upload("/datanets/" + secret + "/uploads?fileName=x.jsonl", utf8(qa("Q?", "A.")))
                        .status())
                .isEqualTo(404);
        Api.Answer across = gus.post(
                "/datanets/" + open + "/records",
                "{\"question\":\"What helps jet lag?\",\"answer\":\"Daylight at the destination and regular meals.\"}");
        assertThat(across.status()).as(across.body()).isEqualTo(201);
        String record = find(mine(gus), "jet lag").getString("id");
        assertThat(Api.as("vera@acme.test").get("/datanets/" + open + "/queue").body())
                .contains(record);
        assertThat(Api.as("gwen@globex.test")
                        .get("/datanets/" + open + "/queue")
                        .status())
                .isEqualTo(403);
        Api.as("vera@acme.test")
                .post("/contributions/" + record + "/reviews", "{\"verdict\":\"approve\",\"reason\":\"ok\"}");
        assertThat(gus.get("/contributions/" + record).object().getString("status"))
                .isEqualTo("ACCEPTED");
        assertThat(Api.as("gina@globex.test").get("/contributions/" + record).status())
                .isEqualTo(404);
    }

    /** The attack: parallel uploads each counted the same records of the day and together passed the daily quota. */
    @Test
    void parallelUploadsStayWithinTheDailyQuota() {
        Api mia = Api.as("mia@acme.test");
        String quota = create(
                mia,
                draft(unique("Quota"), "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 1 << 20)
                        .replace("\"dailyQuota\":100000", "\"dailyQuota\":3"));
        Api carlos = Api.as("carlos@acme.test");
        List<java.util.concurrent.CompletableFuture<Integer>> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String q = UUID.randomUUID().toString();
            byte[] two = utf8(qa("First " + q + "?", "One.") + qa("Second " + q + "?", "Two."));
            uploads.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> carlos.upload("/datanets/" + quota + "/uploads?fileName=two.jsonl", two)
                            .status()));
        }
        List<Integer> statuses = uploads.stream()
                .map(java.util.concurrent.CompletableFuture::join)
                .toList();
        assertThat(statuses).as("two records each, a quota of three").containsOnlyOnce(201);
        assertThat(mine(carlos).stream().filter(r -> r.getString("dataNetId").equals(quota)))
                .hasSize(2);
    }

    @Test
    void badFilesGetClearMessagesAndLeaveNothingBehind() throws Exception {
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        String keep = create(mia, draft(unique("Keep"), "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 5L << 20));
        String strict = create(mia, draft(unique("Strict"), "PRIVATE", 1, 1, "REJECT_FILE", "FLAG", 5L << 20));
        String tiny = create(mia, draft(unique("Tiny"), "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 2048));
        String documents = create(
                mia,
                draft(unique("Docs"), "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 5L << 20)
                        .replace("QUESTION_ANSWER", "DOCUMENT"));
        int before = mine(carlos).size();

        StringBuilder big = new StringBuilder();
        for (int line = 1; line <= 10_000; line++) {
            if (line == 17 || line == 4242 || line == 9999) {
                big.append("{\"question\": \"broken\n");
            } else {
                big.append(qa(
                        "Question number " + line + " about topic " + (line * 7919 % 10007) + "?",
                        "Answer " + line + " explains item " + (line * 104729 % 10007) + " in detail."));
            }
        }
        Api.Answer refused = carlos.upload("/datanets/" + strict + "/uploads?fileName=big.jsonl", utf8(big.toString()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.object().getJsonObject("errors").getString("lines")).contains("17", "4242", "9999");
        assertThat(refused.object().getString("detail")).contains("3 malformed line");
        assertThat(mine(carlos)).hasSize(before);

        Api.Answer kept = carlos.upload("/datanets/" + keep + "/uploads?fileName=big.jsonl", utf8(big.toString()));
        assertThat(kept.status()).as(kept.body()).isEqualTo(201);
        assertThat(kept.object().getInt("badLineCount")).isEqualTo(3);
        assertThat(kept.object().getBoolean("keptValidLines")).isTrue();
        assertThat(kept.object().getJsonArray("badLines").toString()).contains("17", "4242", "9999");
        int received = kept.object().getJsonObject("records").values().stream()
                .mapToInt(v -> ((jakarta.json.JsonNumber) v).intValue())
                .sum();
        assertThat(received).isEqualTo(9_997);
        int afterKeep = mine(carlos).size();

        assertThat(problem(carlos.upload("/datanets/" + keep + "/uploads?fileName=empty.jsonl", new byte[0])))
                .contains("empty");
        byte[] latin1 = qa("Café?", "Crème brûlée.").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(problem(carlos.upload("/datanets/" + keep + "/uploads?fileName=latin.jsonl", latin1)))
                .containsIgnoringCase("UTF-8");
        assertThat(problem(carlos.upload("/datanets/" + tiny + "/uploads?fileName=big.jsonl", utf8(big.toString()))))
                .contains("larger than");
        assertThat(problem(carlos.upload("/datanets/" + keep + "/uploads?fileName=bad.jsonl", utf8("{not json}\n"))))
                .contains("no valid record");
        assertThat(problem(carlos.upload("/datanets/" + documents + "/uploads?fileName=bomb.docx", docxBomb())))
                .containsIgnoringCase("bomb");
        assertThat(problem(carlos.upload("/datanets/" + keep + "/uploads?fileName=x.exe", utf8("MZ"))))
                .contains("file type");
        assertThat(mine(carlos)).hasSize(afterKeep);
    }

    private static String problem(Api.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        return answer.object().getString("detail");
    }

    /** A DOCX-shaped zip whose document.xml expands a thousandfold. */
    private static byte[] docxBomb() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(utf8("<?xml version=\"1.0\"?><Types/>"));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'a');
            for (int i = 0; i < 40; i++) zip.write(block);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void releasesCommitToAcceptedRecordsWithVerifiableProofs() {
        Api mia = Api.as("mia@acme.test");
        String id = create(mia, draft(unique("Release"), "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 1 << 20));
        Api carlos = Api.as("carlos@acme.test");
        carlos.upload(
                "/datanets/" + id + "/uploads?fileName=r.jsonl",
                utf8(qa("What is the boiling point of water at sea level?", "100 degrees Celsius.")
                        + qa("What gas do plants absorb for photosynthesis?", "Carbon dioxide.")));
        assertThat(mia.post("/datanets/" + id + "/releases", "").status()).isEqualTo(409);
        Api vera = Api.as("vera@acme.test");
        vera.get("/datanets/" + id + "/queue")
                .array()
                .forEach(c -> vera.post(
                        "/contributions/" + c.asJsonObject().getString("id") + "/reviews",
                        "{\"verdict\":\"approve\",\"reason\":\"textbook fact\"}"));
        assertThat(carlos.post("/datanets/" + id + "/releases", "").status()).isEqualTo(403);
        Api.Answer release = mia.post("/datanets/" + id + "/releases", "");
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        assertThat(release.object().getInt("version")).isEqualTo(1);
        assertThat(release.object().getInt("recordCount")).isEqualTo(2);
        assertThat(mia.post("/datanets/" + id + "/releases", "").status()).isEqualTo(409);

        String record = find(mine(carlos), "boiling point").getString("id");
        Api.Answer proofAnswer = carlos.get("/datanets/" + id + "/releases/1/proofs/" + record);
        assertThat(proofAnswer.status()).isEqualTo(200);
        MerkleProof proof = MerkleProof.fromJson(proofAnswer.body());
        assertThat(proof.verify()).isTrue();
        assertThat(proof.root().hex()).isEqualTo(release.object().getString("merkleRoot"));

        JsonObject stored = find(mine(carlos), "boiling point");
        ReleaseRecord tampered = new ReleaseRecord(
                UUID.fromString(record),
                Bytes32.of("0x" + "0".repeat(63) + "1"),
                proof.record().contributorId());
        assertThat(tampered.contentSha256().hex()).isNotEqualTo("0x" + stored.getString("contentSha256"));
        assertThat(io.tributary.chain.MerkleTree.verify(tampered.leaf(), proof.proof(), proof.root()))
                .isFalse();

        Api.Answer export = mia.get("/datanets/" + id + "/releases/1/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body().lines()).hasSize(2).allMatch(l -> l.contains("\"proof\"") && l.contains("\"root\""));
        assertThat(Api.as("gus@globex.test")
                        .get("/datanets/" + id + "/releases/1/export")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theDemoDataNetsHoldContributionsInEveryState() {
        Api mia = Api.as("mia@acme.test");
        String clinical = mia.get("/datanets").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(d -> d.getString("name").equals("Clinical Q&A"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        JsonObject counts =
                mia.get("/datanets/" + clinical + "/overview").object().getJsonObject("records");
        for (String state : List.of("BLOCKED", "IN_REVIEW", "ESCALATED", "ACCEPTED", "REJECTED")) {
            assertThat(counts.getInt(state)).as(state).isPositive();
        }
        assertThat(mia.get("/datanets/" + clinical + "/releases").array()).isNotEmpty();
    }

    @Test
    void invalidDataNetsAreRefusedWithEveryProblemListed() {
        Api mia = Api.as("mia@acme.test");
        Api.Answer invalid = mia.post(
                "/datanets",
                "{\"name\":\"\",\"recordType\":\"POEMS\",\"visibility\":\"SECRET\",\"allowedFormats\":[\"EXE\"],"
                        + "\"maxUploadBytes\":1,\"approvalsRequired\":3,\"reviewersPerRecord\":2}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.object().getJsonObject("errors").keySet())
                .contains("name", "recordType", "visibility", "allowedFormats", "maxUploadBytes", "reviewersPerRecord");
        assertThat(Api.as("carlos@acme.test")
                        .post("/datanets", draft("x", "PRIVATE", 1, 1, "KEEP_VALID", "FLAG", 4096))
                        .status())
                .isEqualTo(403);
    }
}
