package io.tributary.web.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.application.serving.InferenceRefused;
import io.tributary.application.serving.InferenceRequest;
import io.tributary.application.serving.Penalties;
import org.junit.jupiter.api.Test;

class OpenAiRequestsTest {

    static void refused(String body, String param) {
        assertThatThrownBy(() -> OpenAiRequests.chat(body).check())
                .as(body)
                .isInstanceOfSatisfying(InferenceRefused.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo(param);
                });
    }

    @Test
    void readsOpenAisChatParameters() {
        InferenceRequest r = OpenAiRequests.chat("""
                {"model":"acme/m","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "max_completion_tokens":12,"temperature":0,"top_p":0.5,"stop":"###","seed":7,"n":2,
                 "user":"u-1","stream":true,"stream_options":{"include_usage":true},"logprobs":false,
                 "frequency_penalty":0.5,"presence_penalty":-1,"repetition_penalty":1.3,"no_repeat_ngram_size":3,
                 "response_format":{"type":"text"}}
                """).check();
        assertThat(r.model()).isEqualTo("acme/m");
        assertThat(r.messages()).hasSize(2);
        assertThat(r.messages().get(1).content()).isEqualTo("Hi");
        assertThat(r.maxTokens()).isEqualTo(12);
        assertThat(r.temperature()).isZero();
        assertThat(r.stop()).containsExactly("###");
        assertThat(r.seed()).isEqualTo(7L);
        assertThat(r.n()).isEqualTo(2);
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.penalties()).isEqualTo(new Penalties(0.5, -1.0, 1.3, 3));
    }

    @Test
    void completionsTakeAStringOrAnArrayOfPrompts() {
        assertThat(OpenAiRequests.completion("{\"model\":\"m\",\"prompt\":\"Once\",\"max_tokens\":3}")
                        .prompts())
                .containsExactly("Once");
        assertThat(OpenAiRequests.completion("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}")
                        .prompts())
                .containsExactly("a", "b");
        assertThatThrownBy(() -> OpenAiRequests.completion("{\"model\":\"m\",\"prompt\":[1,2]}"))
                .isInstanceOfSatisfying(
                        InferenceRefused.class, e -> assertThat(e.param()).isEqualTo("prompt"));
        assertThatThrownBy(() -> OpenAiRequests.completion("{\"model\":\"m\",\"prompt\":\"x\",\"logprobs\":2}")
                        .check())
                .isInstanceOfSatisfying(
                        InferenceRefused.class, e -> assertThat(e.param()).isEqualTo("logprobs"));
    }

    @Test
    void wrongTypesAndUnsupportedOptionsNameTheirParameter() {
        refused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}",
                "temperature");
        refused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1.5}",
                "max_tokens");
        refused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[1]}", "stop");
        refused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"seed\":\"s\"}", "seed");
        refused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"logprobs\":true}", "logprobs");
        refused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"top_logprobs\":3}",
                "top_logprobs");
        refused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\"}]}",
                "tools");
        refused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"presence_penalty\":2.5}",
                "presence_penalty");
        refused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"frequency_penalty\":\"x\"}",
                "frequency_penalty");
        refused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":5,"
                        + "\"max_completion_tokens\":6}",
                "max_tokens");
        refused("{\"model\":\"m\",\"messages\":\"hi\"}", "messages");
        refused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":{\"a\":1}}]}", "messages[0].content");
        refused(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"stream_options\":{\"include_usage\":\"yes\"},\"stream\":true}",
                "stream_options.include_usage");
    }

    @Test
    void bodiesThatAreNotJsonObjectsAreRefused() {
        for (String body : new String[] {"", "not json", "[1]", "{\"model\":"}) {
            assertThatThrownBy(() -> OpenAiRequests.chat(body))
                    .as(body)
                    .isInstanceOfSatisfying(
                            InferenceRefused.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
