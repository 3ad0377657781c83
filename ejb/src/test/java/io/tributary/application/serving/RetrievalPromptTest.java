package io.tributary.application.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.training.retrieval.Retrieval;
import io.tributary.training.retrieval.RetrievedRecord;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetrievalPromptTest {

    static final RetrievedRecord SPIDER = new RetrievedRecord(
            UUID.randomUUID().toString(), "How many legs does a spider have?\nA spider has eight legs.", 0.9);
    static final RetrievedRecord BEES =
            new RetrievedRecord(UUID.randomUUID().toString(), "What do bees make?\nBees make honey and wax.", 0.4);

    static final List<ChatMessage> CHAT = List.of(
            new ChatMessage("system", "Answer briefly."),
            new ChatMessage("user", "What do bees make?"),
            new ChatMessage("assistant", "Honey."),
            new ChatMessage("user", "How many legs does a spider have?"));

    @Test
    void theRecordsContextBlockOpensTheFirstInstructionUnchangedSoAttributionCanLeaveEachOut() {
        RetrievalPrompt p = RetrievalPrompt.fitting(CHAT, List.of(SPIDER, BEES), prompt -> true);
        String block = Retrieval.context(List.of(SPIDER.text(), BEES.text()));
        assertThat(p.prompt())
                .isEqualTo("### Instruction:\n" + block + "Answer briefly.\nWhat do bees make?\n\n"
                        + "### Response:\nHoney.\n\n### Instruction:\nHow many legs does a spider have?\n\n"
                        + "### Response:\n");
        assertThat(p.recordIds()).containsExactly(UUID.fromString(SPIDER.id()), UUID.fromString(BEES.id()));
        assertThat(RetrievalPrompt.question(CHAT)).isEqualTo("How many legs does a spider have?");
    }

    @Test
    void recordsDropFromTheEndUntilThePromptFitsAndNoneFittingMeansThePlainChat() {
        RetrievalPrompt one =
                RetrievalPrompt.fitting(CHAT, List.of(SPIDER, BEES), prompt -> !prompt.contains("honey and wax"));
        assertThat(one.recordIds()).containsExactly(UUID.fromString(SPIDER.id()));
        assertThat(one.prompt()).contains(Retrieval.context(List.of(SPIDER.text())));
        RetrievalPrompt none = RetrievalPrompt.fitting(CHAT, List.of(SPIDER, BEES), prompt -> false);
        assertThat(none.recordIds()).isEmpty();
        assertThat(none.prompt()).isEqualTo(ChatTemplate.render(CHAT));
    }
}
