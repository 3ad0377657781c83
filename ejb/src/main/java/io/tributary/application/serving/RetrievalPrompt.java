package io.tributary.application.serving;

import io.tributary.training.retrieval.Retrieval;
import io.tributary.training.retrieval.RetrievedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A chat prompt with retrieved records in it: the records' context block ({@link Retrieval#context}) as a leading
 * system message, which the chat template puts at the start of the first instruction, unchanged, so attribution can
 * leave each record out of exactly this prompt.
 *
 * @param prompt the prompt the model reads
 * @param recordIds the records in its context block, in their order there (empty when none fitted)
 */
public record RetrievalPrompt(String prompt, List<UUID> recordIds) {

    /** Tokens a retrieved context must leave free for the answer. */
    static final int MIN_ANSWER_ROOM = 32;

    public RetrievalPrompt {
        recordIds = List.copyOf(recordIds);
    }

    /** The question retrieval searches for: the last user message. */
    static String question(List<ChatMessage> messages) {
        String question = "";
        for (ChatMessage m : messages) if (m.role().equals("user")) question = m.content();
        return question;
    }

    /** The messages rendered with the records' context block. */
    static String render(List<ChatMessage> messages, List<RetrievedRecord> records) {
        if (records.isEmpty()) return ChatTemplate.render(messages);
        List<ChatMessage> withContext = new ArrayList<>();
        withContext.add(new ChatMessage(
                "system",
                Retrieval.context(records.stream().map(RetrievedRecord::text).toList())));
        withContext.addAll(messages);
        return ChatTemplate.render(withContext);
    }

    /** The prompt with as many of the records, nearest first, as {@code fits} accepts (records drop from the end). */
    static RetrievalPrompt fitting(List<ChatMessage> messages, List<RetrievedRecord> found, Predicate<String> fits) {
        List<RetrievedRecord> kept = new ArrayList<>(found);
        while (!kept.isEmpty()) {
            String prompt = render(messages, kept);
            if (fits.test(prompt)) {
                return new RetrievalPrompt(
                        prompt, kept.stream().map(r -> UUID.fromString(r.id())).toList());
            }
            kept.remove(kept.size() - 1);
        }
        return new RetrievalPrompt(ChatTemplate.render(messages), List.of());
    }
}
