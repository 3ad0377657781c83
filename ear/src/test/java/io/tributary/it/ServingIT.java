package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.devstack.Ports;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Serving on the real stack, through {@code /v1} as OpenAI clients call it: a model trained and published by the
 * factory answers chats (whole and streamed) and completions with exact usage; each request is recorded, charged on
 * the ledger and announced by an InferenceServed outbox row; refusals use OpenAI's envelope (401, 404, 400 naming the
 * param, 402 without credit, 429 with Retry-After); another organization sees a model only while it is public.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServingIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PRICED = "acme/serving-priced";
    private static final String FREE = "acme/serving-free";
    private static final String DEAR = "acme/serving-dear";
    private static String acmeKey;
    private static String globexKey;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** An answer of the /v1 API. */
    record V1(int status, String body, HttpResponse<String> response) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonObject error() {
            return json().getJsonObject("error");
        }
    }

    static V1 v1(String key, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.APP + "/v1" + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json");
        if (key != null) request.header("Authorization", "Bearer " + key);
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new V1(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String chat(String model, String content, String extra) {
        return """
                {"model":"%s","messages":[{"role":"user","content":"%s"}],"temperature":0%s}
                """.formatted(model, content, extra);
    }

    /** The factory trains a tiny run once and publishes it three times: priced, free and very dear. */
    static synchronized void published() {
        if (acmeKey != null) return;
        Api mia = Api.as("mia@acme.test");
        Api olivia = Api.as("olivia@acme.test");
        String dataNet = FactoryIT.releasedDataNet("CC-BY-4.0");
        Api.Answer run = mia.post(
                "/factory/runs",
                FactoryIT.runRequest("serving", FactoryIT.baseId(mia), dataNet, true, FactoryIT.TINY.formatted(8, 8)));
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        String runId = run.object().getString("id");
        assertThat(FactoryIT.awaitStatus(mia, runId, "COMPLETED", "FAILED").getString("status"))
                .isEqualTo("COMPLETED");
        for (String[] model :
                new String[][] {{"serving-priced", "0.25"}, {"serving-free", "0"}, {"serving-dear", "1000"}}) {
            Api.Answer published = mia.post(
                    "/factory/runs/" + runId + "/publish",
                    "{\"name\":\"%s\",\"pricePer1kTokens\":%s}".formatted(model[0], model[1]));
            assertThat(published.status()).as(published.body()).isEqualTo(201);
        }
        acmeKey = olivia.post("/api-keys", "{\"name\":\"serving client\",\"roles\":[\"contributor\"]}")
                .object()
                .getString("secret");
        globexKey = Api.as("gina@globex.test")
                .post("/api-keys", "{\"name\":\"serving client\",\"roles\":[\"contributor\"]}")
                .object()
                .getString("secret");
        await("serving to host the published models", Duration.ofMinutes(1), () -> {
            String models = v1(acmeKey, "GET", "/models", null).body();
            return models.contains(PRICED) && models.contains(FREE) && models.contains(DEAR);
        });
    }

    static String acmeKey() {
        published();
        return acmeKey;
    }

    static BigInteger credits(Api api) {
        return api.get("/serving/credits").object().getJsonNumber("posted").bigIntegerValue();
    }

    @Test
    @Order(1)
    void chatsStreamsAndCompletionsAreMeteredAndCharged() {
        published();
        Api olivia = Api.as("olivia@acme.test");
        WalletIT.awaitDemoPayout(olivia);
        Api.Answer topUp = olivia.post("/serving/credits", "{\"amount\":5}");
        assertThat(topUp.status()).as(topUp.body()).isEqualTo(200);
        // Carlos (a contributor) is no org admin (WalletIT makes Mia one).
        assertThat(Api.as("carlos@acme.test")
                        .post("/serving/credits", "{\"amount\":5}")
                        .status())
                .isEqualTo(403);
        BigInteger before = credits(olivia);

        JsonObject models = v1(acmeKey, "GET", "/models", null).json();
        assertThat(models.getString("object")).isEqualTo("list");
        JsonObject priced = models.getJsonArray("data").stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("id").equals(PRICED))
                .findFirst()
                .orElseThrow();
        assertThat(priced.getString("object")).isEqualTo("model");
        assertThat(priced.getString("owned_by")).isEqualTo("acme");
        assertThat(priced.getString("parent")).isEqualTo(priced.getString("root"));
        JsonObject split = priced.getJsonObject("fee_split");
        assertThat(split.getInt("contributors_bp")
                        + split.getInt("validators_bp")
                        + split.getInt("owner_bp")
                        + split.getInt("platform_bp"))
                .as("the public fee split of the price")
                .isEqualTo(10_000);
        assertThat(models.getJsonArray("data").stream()
                        .map(JsonValue::asJsonObject)
                        .anyMatch(m -> m.getString("id").equals(priced.getString("root"))))
                .as("the base is listed")
                .isTrue();
        V1 one = v1(acmeKey, "GET", "/models/" + PRICED, null);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().getString("id")).isEqualTo(PRICED);

        V1 answer = v1(acmeKey, "POST", "/chat/completions", chat(PRICED, "What do bees make?", ",\"max_tokens\":8"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject completion = answer.json();
        assertThat(completion.getString("object")).isEqualTo("chat.completion");
        assertThat(completion.getString("model")).isEqualTo(PRICED);
        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getJsonObject("message").getString("role")).isEqualTo("assistant");
        assertThat(choice.getString("finish_reason")).isIn("stop", "length");
        JsonObject usage = completion.getJsonObject("usage");
        int prompt = usage.getInt("prompt_tokens");
        int generated = usage.getInt("completion_tokens");
        assertThat(prompt).isPositive();
        assertThat(generated).isBetween(0, 8);
        assertThat(usage.getInt("total_tokens")).isEqualTo(prompt + generated);

        // The usage record is the caller's, with the same counts; the charge is on the ledger, rounded up.
        String id = completion.getString("id").substring("chatcmpl-".length());
        JsonObject record = olivia.get("/serving/usage").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(u -> u.getString("id").equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(record.getInt("promptTokens")).isEqualTo(prompt);
        assertThat(record.getInt("completionTokens")).isEqualTo(generated);
        assertThat(record.getString("caller")).isEqualTo("api-key:serving client");
        assertThat(record.getString("status")).isEqualTo("COMPLETED");
        BigInteger charge = new BigDecimal("0.25")
                .multiply(BigDecimal.TEN.pow(18))
                .multiply(BigDecimal.valueOf(prompt + generated))
                .divide(BigDecimal.valueOf(1000), 0, RoundingMode.CEILING)
                .toBigIntegerExact();
        assertThat(record.getJsonNumber("charge").bigIntegerValue()).isEqualTo(charge);
        assertThat(credits(olivia)).isEqualTo(before.subtract(charge));
        assertThat(Api.as("mia@acme.test").get("/serving/model-usage").body()).contains(id);
        CrashDatabase db = new CrashDatabase(Ports.TEST, "tributary");
        assertThat(db.query("select count(*) from outbox_event where subject = 'inference:" + id + "'"))
                .isEqualTo("1");
        assertThat(db.query("select count(*) from event_delivery d join outbox_event e on e.id = d.event_id"
                        + " where e.type = 'InferenceServed' and e.subject = 'inference:" + id + "'"))
                .as("attribution observes InferenceServed")
                .isNotEqualTo("0");
        assertThat(db.query("select count(*) from ledger_transfer where id = '" + id
                        + "' and cause_type = 'INFERENCE_CHARGE' and status = 'POSTED'"))
                .isEqualTo("1");

        // Greedy decoding streams the same text it answers whole, then a usage chunk and [DONE].
        V1 streamed = v1(
                acmeKey,
                "POST",
                "/chat/completions",
                chat(
                        PRICED,
                        "What do bees make?",
                        ",\"max_tokens\":8,\"stream\":true," + "\"stream_options\":{\"include_usage\":true}"));
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.response().headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/event-stream");
        List<JsonObject> chunks = new ArrayList<>();
        List<String> data = streamed.body()
                .lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6))
                .toList();
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        data.subList(0, data.size() - 1)
                .forEach(d -> chunks.add(Json.createReader(new StringReader(d)).readObject()));
        StringBuilder text = new StringBuilder();
        for (JsonObject chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            JsonObject delta = chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
            if (delta.containsKey("content")) text.append(delta.getString("content"));
        }
        assertThat(text.toString()).isEqualTo(choice.getJsonObject("message").getString("content"));
        JsonObject last = chunks.get(chunks.size() - 1);
        assertThat(last.getJsonArray("choices")).isEmpty();
        assertThat(last.getJsonObject("usage").getInt("completion_tokens")).isEqualTo(generated);
        assertThat(last.getJsonObject("usage").getInt("prompt_tokens")).isEqualTo(prompt);

        V1 text1 = v1(acmeKey, "POST", "/completions", """
                {"model":"%s","prompt":["The sky is","Bees make"],"max_tokens":4,"temperature":0,"n":2}
                """.formatted(FREE));
        assertThat(text1.status()).as(text1.body()).isEqualTo(200);
        assertThat(text1.json().getString("object")).isEqualTo("text_completion");
        assertThat(text1.json().getJsonArray("choices")).hasSize(4);
        assertThat(text1.json().getJsonObject("usage").getInt("completion_tokens"))
                .isBetween(0, 16);
        // For the report only (not asserted): what the usage records measured on this machine.
        System.out.println("Serving latency ms / time to first token ms / completion tokens: "
                + db.query("select string_agg(latency_ms || '/' || coalesce(time_to_first_token_ms, -1) || '/'"
                        + " || completion_tokens, ' ' order by created_at) from serving_usage"));
    }

    @Test
    @Order(2)
    void refusalsUseOpenAisEnvelopeAndChangeNothing() {
        published();
        V1 anonymous = v1(null, "GET", "/models", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error().getString("code")).isEqualTo("invalid_api_key");
        V1 wrongKey = v1("trb_not-a-key", "POST", "/chat/completions", chat(FREE, "hi", ""));
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.error().getString("code")).isEqualTo("invalid_api_key");

        V1 missing = v1(acmeKey, "POST", "/chat/completions", chat("acme/no-such-model", "hi", ""));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error().getString("code")).isEqualTo("model_not_found");
        assertThat(missing.error().getString("param")).isEqualTo("model");
        assertThat(v1(acmeKey, "GET", "/models/acme/no-such-model", null).status())
                .isEqualTo(404);

        V1 hot = v1(
                acmeKey,
                "POST",
                "/chat/completions",
                chat(FREE, "hi", "").replace("\"temperature\":0", "\"temperature\":3"));
        assertThat(hot.status()).isEqualTo(400);
        assertThat(hot.error().getString("type")).isEqualTo("invalid_request_error");
        assertThat(hot.error().getString("param")).isEqualTo("temperature");
        V1 logprobs = v1(acmeKey, "POST", "/chat/completions", chat(FREE, "hi", ",\"logprobs\":true"));
        assertThat(logprobs.status()).isEqualTo(400);
        assertThat(logprobs.error().getString("param")).isEqualTo("logprobs");
        V1 tooLong = v1(acmeKey, "POST", "/chat/completions", chat(FREE, "word ".repeat(400), ""));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error().getString("code")).isEqualTo("context_length_exceeded");
        assertThat(tooLong.error().getString("param")).isEqualTo("messages");
        assertThat(v1(acmeKey, "POST", "/chat/completions", "{not json").status())
                .isEqualTo(400);
    }

    @Test
    @Order(3)
    void anotherOrganizationUsesAModelOnlyWhileItIsPublicAndPaysForIt() {
        published();
        Api mia = Api.as("mia@acme.test");
        Api gina = Api.as("gina@globex.test");
        assertThat(v1(globexKey, "GET", "/models", null).body()).doesNotContain(FREE);
        assertThat(v1(globexKey, "POST", "/chat/completions", chat(FREE, "hi", ""))
                        .status())
                .isEqualTo(404);
        assertThat(v1(globexKey, "GET", "/models/" + FREE, null).status()).isEqualTo(404);
        assertThat(gina.put("/serving/models/serving-free", "{\"isPublic\":true}")
                        .status())
                .isEqualTo(404);
        try {
            for (String name : List.of("serving-free", "serving-dear")) {
                Api.Answer shared = mia.put("/serving/models/" + name, "{\"isPublic\":true}");
                assertThat(shared.status()).as(shared.body()).isEqualTo(200);
            }
            assertThat(v1(globexKey, "GET", "/models", null).body()).contains(FREE);
            V1 free = v1(
                    globexKey,
                    "POST",
                    "/chat/completions",
                    chat(FREE, "How many legs does a spider have?", ",\"max_tokens\":4"));
            assertThat(free.status()).as(free.body()).isEqualTo(200);
            String id = free.json().getString("id").substring("chatcmpl-".length());
            assertThat(gina.get("/serving/usage").body()).contains(id);
            assertThat(mia.get("/serving/model-usage").body()).contains(id).doesNotContain("gina");

            // A worst case beyond Globex's prepaid credits (8 × 200 tokens at 1,000 TRIB per 1k: over 1,600 TRIB; other
            // tests may have topped Globex up) is refused before generating, and nothing is recorded.
            assertThat(credits(gina)).isLessThan(OnChain.trib(1600));
            int usageBefore = gina.all("/serving/usage").size();
            V1 unpaid = v1(globexKey, "POST", "/chat/completions", chat(DEAR, "hi", ",\"n\":8,\"max_tokens\":200"));
            assertThat(unpaid.status()).as(unpaid.body()).isEqualTo(402);
            assertThat(unpaid.error().getString("code")).isEqualTo("insufficient_quota");
            assertThat(unpaid.error().getString("message")).contains("prepaid credits");
            assertThat(gina.all("/serving/usage")).hasSize(usageBefore);

            // A rate limit answers 429 with Retry-After and retry-after-ms; refused requests count too.
            Api pat = Api.as("pat@tributary.test");
            String globex = pat.tenantId("globex");
            Api.Answer limited = pat.put(
                    "/admin/serving/limits/" + globex,
                    "{\"requestsPerMinute\":1,\"tokensPerMinute\":100000,\"monthlyTokenQuota\":100000000,\"queueBound\":8}");
            assertThat(limited.status()).as(limited.body()).isEqualTo(200);
            try {
                V1 last = null;
                for (int i = 0; i < 3; i++) {
                    last = v1(globexKey, "POST", "/chat/completions", chat(FREE, "hi", ",\"max_tokens\":1"));
                }
                assertThat(last.status()).isEqualTo(429);
                assertThat(last.error().getString("type")).isEqualTo("rate_limit_exceeded");
                assertThat(last.response().headers().firstValue("Retry-After")).isPresent();
                assertThat(Long.parseLong(last.response()
                                .headers()
                                .firstValue("retry-after-ms")
                                .orElseThrow()))
                        .isPositive();
            } finally {
                pat.put(
                        "/admin/serving/limits/" + globex,
                        "{\"requestsPerMinute\":600,\"tokensPerMinute\":200000,\"monthlyTokenQuota\":100000000,\"queueBound\":32}");
            }
        } finally {
            for (String name : List.of("serving-free", "serving-dear")) {
                mia.put("/serving/models/" + name, "{\"isPublic\":false}");
            }
        }
        assertThat(v1(globexKey, "GET", "/models", null).body()).doesNotContain(FREE);
    }

    @Test
    @Order(4)
    void movingTheNameToAnotherVersionIsAHotSwap() {
        published();
        Api mia = Api.as("mia@acme.test");
        JsonObject current = v1(acmeKey, "GET", "/models/" + FREE, null).json();
        int version = current.getInt("version");
        String run = mia.get("/factory/models/" + current.getString("version_id"))
                .object()
                .getString("runId");
        Api.Answer next =
                mia.post("/factory/runs/" + run + "/publish", "{\"name\":\"serving-free\",\"pricePer1kTokens\":0}");
        assertThat(next.status()).as(next.body()).isEqualTo(201);
        await(
                "the name to move to the new version",
                Duration.ofMinutes(1),
                () -> v1(acmeKey, "GET", "/models/" + FREE, null).json().getInt("version") == version + 1);
        assertThat(v1(acmeKey, "GET", "/models/" + FREE + "@" + version, null)
                        .json()
                        .getInt("version"))
                .isEqualTo(version);
        Api.Answer back = mia.put("/serving/models/serving-free", "{\"version\":" + version + "}");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(v1(acmeKey, "GET", "/models/" + FREE, null).json().getInt("version"))
                .isEqualTo(version);
        assertThat(v1(acmeKey, "POST", "/chat/completions", chat(FREE + "@" + (version + 1), "hi", ",\"max_tokens\":2"))
                        .status())
                .isEqualTo(200);
        assertThat(mia.put("/serving/models/serving-free", "{\"version\":99}").status())
                .isIn(400, 422);
    }

    /**
     * Penalties a request leaves out are the base's own (its generation_config.json: presence 1.0, frequency 0.3), as
     * vLLM does; a request that sets them gets exactly those. Plain greedy decoding of the shipped base loops; vLLM's
     * repetition_penalty and Hugging Face's no_repeat_ngram_size change the answer too.
     */
    @Test
    @Order(5)
    void penaltiesLeftOutAreTheBasesRecommendedOnes() {
        String key = acmeKey();
        String body = "{\"model\":\"tributary-base-gpt-2-modern-english\",\"prompt\":\"A bank is\","
                + "\"max_tokens\":24,\"temperature\":0%s}";
        String leftOut = completion(key, body.formatted(""));
        String recommended = completion(key, body.formatted(",\"presence_penalty\":1.0,\"frequency_penalty\":0.3"));
        String none = completion(key, body.formatted(",\"presence_penalty\":0,\"frequency_penalty\":0"));
        assertThat(leftOut).isEqualTo(recommended).isNotEqualTo(none);
        String huggingFace = completion(
                key,
                body.formatted(",\"presence_penalty\":0,\"frequency_penalty\":0,\"repetition_penalty\":1.3,"
                        + "\"no_repeat_ngram_size\":3"));
        assertThat(huggingFace).isNotEqualTo(none).isNotEqualTo(recommended);
    }

    /**
     * The attack: a NUL character (U+0000, which PostgreSQL's text and jsonb refuse) in the prompt made recording the
     * call fail after the answer had streamed, so the reservation was released and nobody paid. Now it is recorded
     * and charged like any call.
     */
    @Test
    @Order(6)
    void aPromptWithANulCharacterIsRecordedAndCharged() {
        published();
        Api olivia = Api.as("olivia@acme.test");
        BigInteger before = credits(olivia);
        V1 answer = v1(
                acmeKey(),
                "POST",
                "/chat/completions",
                chat(PRICED, "What do bees\\u0000 make?", ",\"max_tokens\":8,\"stream\":true"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("[DONE]");
        assertThat(credits(olivia)).isLessThan(before);
    }

    private static String completion(String key, String body) {
        V1 answer = v1(key, "POST", "/completions", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().getJsonArray("choices").getJsonObject(0).getString("text");
    }
}
