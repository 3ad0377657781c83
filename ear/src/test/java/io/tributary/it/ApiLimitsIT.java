package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lists page stably, writes are rate limited per caller, and one member's concurrent requests never collide. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiLimitsIT {

    private static final String[] WORDS = ("patient dose kidney liver heart pressure tablet infusion fever infection"
                    + " antibiotic allergy insulin glucose cholesterol statin aspirin warfarin bleeding fracture cast"
                    + " wound suture vaccine measles asthma inhaler steroid migraine seizure stroke anemia iron"
                    + " thyroid hormone pregnancy fetal ultrasound biopsy tumour chemotherapy radiation nausea"
                    + " vomiting diarrhoea hydration sodium potassium calcium vitamin deficiency dementia delirium")
            .split(" ");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** A question and answer of random clinical words: different enough that no two are near duplicates. */
    private static String record(Random random, String tag, int i) {
        StringBuilder q = new StringBuilder("Case " + tag + "-" + i + ":");
        StringBuilder a = new StringBuilder();
        for (int w = 0; w < 14; w++) {
            q.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            a.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return "{\"question\":\"" + q + "?\",\"answer\":\"" + a.toString().strip() + ".\"}\n";
    }

    /** The ids of a list's items page by page, following the Link header, with the totals each page announced. */
    private static List<String> walk(Api api, String path, int size, Set<String> totals) {
        List<String> ids = new ArrayList<>();
        Optional<String> next = Optional.of(path + "?size=" + size);
        while (next.isPresent()) {
            Api.Answer page = api.get(next.get());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.array().size()).isLessThanOrEqualTo(size);
            totals.add(page.header("X-Total-Count").orElseThrow());
            page.array().forEach(v -> ids.add(v.asJsonObject().getString("id")));
            next = page.link("next");
        }
        return ids;
    }

    @Test
    void listsWalkPageByPageWithoutGapsOrDuplicatesInAStableOrder() {
        Api mia = Api.as("mia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = mia.post("/datanets", """
                {"name":"Paging %s","domain":"testing","description":"Pages.","tags":["test"],
                 "recordType":"QUESTION_ANSWER","licence":"CC0-1.0","visibility":"PRIVATE",
                 "allowedFormats":["JSONL"],"maxUploadBytes":1000000,"dailyQuota":100000,
                 "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.8,
                 "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                """.formatted(tag));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String dataNet = created.object().getString("id");
        Random random = new Random(42);
        StringBuilder file = new StringBuilder();
        IntStream.range(0, 120).forEach(i -> file.append(record(random, tag, i)));
        Api.Answer upload = carlos.upload(
                "/datanets/" + dataNet + "/uploads?fileName=paging.jsonl",
                file.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);

        Set<String> totals = new HashSet<>();
        List<String> first = walk(carlos, "/contributions/mine", 50, totals);
        List<String> again = walk(carlos, "/contributions/mine", 50, totals);
        assertThat(totals).as("every page announced the same total").hasSize(1);
        long total = Long.parseLong(totals.iterator().next());
        assertThat(first).hasSize((int) total).doesNotHaveDuplicates().isEqualTo(again);
        assertThat(total).isGreaterThanOrEqualTo(120);
        List<JsonObject> ours = carlos.all("/contributions/mine").stream()
                .filter(c -> c.getString("dataNetId", "").equals(dataNet))
                .toList();
        assertThat(ours).hasSize(120);
        assertThat(first).containsAll(ours.stream().map(c -> c.getString("id")).toList());

        // The same walk through the owner's own list of DataNets and the validator's queue of the new DataNet.
        Set<String> queueTotals = new HashSet<>();
        List<String> queue = walk(Api.as("vera@acme.test"), "/datanets/" + dataNet + "/queue", 7, queueTotals);
        assertThat(queue)
                .doesNotHaveDuplicates()
                .hasSize(Integer.parseInt(queueTotals.iterator().next()));
        assertThat(queueTotals).hasSize(1);
        Set<String> dataNetTotals = new HashSet<>();
        assertThat(walk(mia, "/datanets", 1, dataNetTotals))
                .doesNotHaveDuplicates()
                .contains(dataNet);
    }

    @Test
    void pageSizesOutsideTheBoundsAreRefusedWithAProblem() {
        Api carlos = Api.as("carlos@acme.test");
        for (String query : List.of("size=201", "size=0", "page=0", "page=abc", "size=-5", "max=1000")) {
            Api.Answer answer = carlos.get("/contributions/mine?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
        }
        Api.Answer largest = carlos.get("/contributions/mine?size=200");
        assertThat(largest.status()).isEqualTo(200);
        assertThat(largest.array().size()).isLessThanOrEqualTo(200);
        Api.Answer beyond = carlos.get("/contributions/mine?page=100000&size=200");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.array()).isEmpty();
        assertThat(beyond.link("next")).isEmpty();
    }

    @Test
    void writesBeyondTheLimitAnswer429WithRetryAfterForThatCallerOnly() throws Exception {
        Api olivia = Api.as("olivia@acme.test");
        Api noisy = Api.withKey(issueKey(olivia, "noisy"));
        Api quiet = Api.withKey(issueKey(olivia, "quiet"));

        // The default limit is 300 writes a minute per key; the window opens at the key's first write.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            writes.add(pool.submit(() -> noisy.post("/notifications/read", "").status()));
        }
        for (Future<Integer> write : writes) {
            assertThat(write.get()).isEqualTo(204);
        }
        pool.shutdown();
        Api.Answer refused = noisy.post("/notifications/read", "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.object().getString("detail")).contains("Too many writes");
        assertThat(Integer.parseInt(refused.header("Retry-After").orElseThrow()))
                .isBetween(1, 60);

        assertThat(noisy.get("/organization/me").status())
                .as("reads are not limited")
                .isEqualTo(200);
        assertThat(quiet.post("/notifications/read", "").status())
                .as("another key")
                .isEqualTo(204);
        assertThat(olivia.post("/notifications/read", "").status())
                .as("a member")
                .isEqualTo(204);
    }

    private static String issueKey(Api admin, String name) {
        Api.Answer issued = admin.post(
                "/api-keys",
                "{\"name\":\"" + name + " " + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"roles\":[\"contributor\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.object().getString("secret");
    }

    @Test
    void oneMembersConcurrentRequestsNeverFail() throws Exception {
        Api victor = Api.as("victor@acme.test");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String path = i % 2 == 0 ? "/organization/me" : "/datanets";
                answers.add(pool.submit(() -> victor.get(path)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Answer> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).hasSize(40).allMatch(s -> s == 200);
        } finally {
            pool.shutdown();
        }
    }
}
