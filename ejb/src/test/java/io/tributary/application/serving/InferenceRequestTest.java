package io.tributary.application.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceRequestTest {

    static InferenceRequest chat(Integer max, Double temperature, Double topP, List<String> stop, Integer n) {
        return new InferenceRequest(
                "acme/m",
                true,
                List.of(new ChatMessage("user", "hi")),
                null,
                max,
                temperature,
                topP,
                null,
                stop,
                null,
                n,
                false,
                null,
                false,
                false,
                false);
    }

    static void refused(InferenceRequest request, String param) {
        assertThatThrownBy(request::check).isInstanceOfSatisfying(InferenceRefused.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.type()).isEqualTo("invalid_request_error");
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void aPlainChatPasses() {
        InferenceRequest ok = chat(16, 0.7, 0.9, List.of("\n\n", "###"), 2).check();
        assertThat(ok.texts()).containsExactly("### Instruction:\nhi\n\n### Response:\n");
        assertThat(ok.choicesPerPrompt()).isEqualTo(2);
    }

    @Test
    void eachBadParameterIsNamed() {
        refused(chat(0, null, null, null, null), "max_completion_tokens");
        refused(chat(null, 2.5, null, null, null), "temperature");
        refused(chat(null, -0.1, null, null, null), "temperature");
        refused(chat(null, null, 0.0, null, null), "top_p");
        refused(chat(null, null, 1.5, null, null), "top_p");
        refused(chat(null, null, null, List.of("a", "b", "c", "d", "e"), null), "stop");
        refused(chat(null, null, null, List.of(""), null), "stop");
        refused(chat(null, null, null, null, 0), "n");
        refused(chat(null, null, null, null, InferenceRequest.MAX_CHOICES + 1), "n");
    }

    @Test
    void messagesAndPromptsAreChecked() {
        refused(
                new InferenceRequest(
                        "m", true, List.of(), null, null, null, null, null, null, null, null, false, null, false, false,
                        false),
                "messages");
        refused(
                new InferenceRequest(
                        "m",
                        true,
                        List.of(new ChatMessage("tool", "x")),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        null,
                        false,
                        false,
                        false),
                "messages[0].role");
        refused(
                new InferenceRequest(
                        "m", false, null, List.of(), null, null, null, null, null, null, null, false, null, false,
                        false, false),
                "prompt");
        refused(
                new InferenceRequest(
                        " ",
                        false,
                        null,
                        List.of("x"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        null,
                        false,
                        false,
                        false),
                "model");
    }

    @Test
    void logprobsAndUsageWithoutStreamAreRefusedNotIgnored() {
        refused(
                new InferenceRequest(
                        "m",
                        false,
                        null,
                        List.of("x"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        true,
                        null,
                        false,
                        false,
                        false),
                "logprobs");
        refused(
                new InferenceRequest(
                        "m",
                        false,
                        null,
                        List.of("x"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        null,
                        false,
                        true,
                        false),
                "stream_options");
        refused(
                new InferenceRequest(
                        "m",
                        false,
                        null,
                        List.of("x"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        "u".repeat(300),
                        false,
                        false,
                        false),
                "user");
    }

    @Test
    void penaltiesOutOfRangeAreRefusedNamingTheParameter() {
        refused(withPenalties(new Penalties(2.5, null, null, null)), "frequency_penalty");
        refused(withPenalties(new Penalties(null, -3.0, null, null)), "presence_penalty");
        refused(withPenalties(new Penalties(null, null, 0.0, null)), "repetition_penalty");
        refused(withPenalties(new Penalties(null, null, 11.0, null)), "repetition_penalty");
        refused(withPenalties(new Penalties(null, null, null, -1)), "no_repeat_ngram_size");
        assertThat(withPenalties(new Penalties(-2.0, 2.0, 1.3, 3))
                        .check()
                        .penalties()
                        .repetition())
                .isEqualTo(1.3);
        assertThat(chat(null, null, null, null, null).penalties()).isEqualTo(Penalties.UNCHOSEN);
    }

    private static InferenceRequest withPenalties(Penalties penalties) {
        return new InferenceRequest(
                "m",
                false,
                null,
                List.of("x"),
                null,
                null,
                null,
                penalties,
                null,
                null,
                null,
                false,
                null,
                false,
                false,
                false);
    }
}
