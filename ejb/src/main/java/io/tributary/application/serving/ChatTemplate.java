package io.tributary.application.serving;

import java.util.List;

/**
 * Renders chat messages into the prompt the factory's models were fine-tuned on ({@code ### Instruction:} …
 * {@code ### Response:}): system and developer messages lead the first instruction, each user message is an
 * instruction, each assistant message its response, and the prompt ends where the next response begins.
 */
public final class ChatTemplate {

    private static final String INSTRUCTION = "### Instruction:\n";
    private static final String RESPONSE = "### Response:\n";

    private ChatTemplate() {}

    public static String render(List<ChatMessage> messages) {
        StringBuilder prompt = new StringBuilder();
        StringBuilder system = new StringBuilder();
        StringBuilder instruction = new StringBuilder();
        for (ChatMessage m : messages) {
            String text = m.content().strip();
            switch (m.role()) {
                case "system", "developer" -> system.append(text).append("\n");
                case "user" -> {
                    if (!instruction.isEmpty()) instruction.append("\n");
                    instruction.append(text);
                }
                case "assistant" -> {
                    appendInstruction(prompt, system, instruction);
                    prompt.append(RESPONSE).append(text).append("\n\n");
                }
                default -> throw new IllegalArgumentException("Unknown role " + m.role());
            }
        }
        appendInstruction(prompt, system, instruction);
        return prompt.append(RESPONSE).toString();
    }

    private static void appendInstruction(StringBuilder prompt, StringBuilder system, StringBuilder instruction) {
        if (system.isEmpty() && instruction.isEmpty()) return;
        prompt.append(INSTRUCTION)
                .append(system)
                .append(instruction.toString().strip())
                .append("\n\n");
        system.setLength(0);
        instruction.setLength(0);
    }
}
