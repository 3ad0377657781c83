package io.tributary.application.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.training.train.InstructionPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {

    @Test
    void oneUserMessageIsTheFactorysInstructionPrompt() {
        assertThat(ChatTemplate.render(List.of(new ChatMessage("user", "  How many legs has a spider? "))))
                .isEqualTo(InstructionPair.prompt("How many legs has a spider?"));
    }

    @Test
    void systemLeadsAndEarlierTurnsAreKept() {
        String prompt = ChatTemplate.render(List.of(
                new ChatMessage("system", "Answer briefly."),
                new ChatMessage("user", "Sky colour?"),
                new ChatMessage("assistant", "Blue."),
                new ChatMessage("user", "And grass?")));
        assertThat(prompt)
                .isEqualTo("### Instruction:\nAnswer briefly.\nSky colour?\n\n### Response:\nBlue.\n\n"
                        + "### Instruction:\nAnd grass?\n\n### Response:\n");
    }
}
