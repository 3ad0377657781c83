package io.tributary.application.serving;

import java.util.List;
import java.util.Set;

/**
 * A chat or text completion as a client asked for it (OpenAI's parameters, already read from JSON). {@link #check()}
 * refuses what serving cannot honour, naming the parameter; the model's context is checked once it is known.
 *
 * @param model the model id ({@link ModelName})
 * @param chat whether this is a chat completion (messages) or a text completion (prompts)
 * @param messages the chat's messages (chat only)
 * @param prompts the prompts to complete (text completions; several give several choices each)
 * @param maxTokens the most tokens per choice (max_tokens or max_completion_tokens), or null for up to the context
 * @param temperature 0 to 2 (null: 1)
 * @param topP nucleus sampling, in (0, 1] (null: 1)
 * @param penalties how the answer avoids repeating itself; settings left out are the base's recommended ones
 * @param stop up to 4 stop sequences
 * @param seed a sampling seed, or null for a fresh one per request
 * @param n choices per prompt
 * @param logprobs whether log probabilities were asked for (the engine does not compute them: refused)
 * @param user the caller's end user, for their own records (at most 256 characters)
 * @param stream whether the answer is streamed
 * @param includeUsage whether a stream ends with a usage chunk
 * @param sharePrompt whether contributors may see the prompt in the receipts that paid them
 */
public record InferenceRequest(
        String model,
        boolean chat,
        List<ChatMessage> messages,
        List<String> prompts,
        Integer maxTokens,
        Double temperature,
        Double topP,
        Penalties penalties,
        List<String> stop,
        Long seed,
        Integer n,
        boolean logprobs,
        String user,
        boolean stream,
        boolean includeUsage,
        boolean sharePrompt) {

    /** Choices per prompt at most. */
    public static final int MAX_CHOICES = 8;

    /** Prompts in one text completion at most. */
    public static final int MAX_PROMPTS = 8;

    /** Messages in one chat at most. */
    public static final int MAX_MESSAGES = 256;

    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    public InferenceRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        stop = stop == null ? List.of() : List.copyOf(stop);
        penalties = penalties == null ? Penalties.UNCHOSEN : penalties;
    }

    /** Refuses the first parameter serving cannot honour; returns the request when all are fine. */
    public InferenceRequest check() {
        if (model == null || model.isBlank()) {
            throw InferenceRefused.invalid("model", "you must provide a model parameter");
        }
        if (chat) {
            if (messages.isEmpty()) {
                throw InferenceRefused.invalid("messages", "messages must hold at least one message");
            }
            if (messages.size() > MAX_MESSAGES) {
                throw InferenceRefused.invalid("messages", "at most " + MAX_MESSAGES + " messages");
            }
            for (int i = 0; i < messages.size(); i++) {
                ChatMessage m = messages.get(i);
                if (m.role() == null || !ROLES.contains(m.role())) {
                    throw InferenceRefused.invalid(
                            "messages[" + i + "].role", "role must be one of system, developer, user, assistant");
                }
                if (m.content() == null) {
                    throw InferenceRefused.invalid("messages[" + i + "].content", "content must be a string");
                }
            }
            if (messages.stream().noneMatch(m -> m.role().equals("user"))) {
                throw InferenceRefused.invalid("messages", "messages must include a user message");
            }
        } else {
            if (prompts.isEmpty()) {
                throw InferenceRefused.invalid("prompt", "prompt must be a string or a non-empty array of strings");
            }
            if (prompts.size() > MAX_PROMPTS) {
                throw InferenceRefused.invalid("prompt", "at most " + MAX_PROMPTS + " prompts in one request");
            }
        }
        if (maxTokens != null && maxTokens < 1) {
            throw InferenceRefused.invalid(chat ? "max_completion_tokens" : "max_tokens", "must be at least 1");
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw InferenceRefused.invalid("temperature", "temperature must be between 0 and 2");
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw InferenceRefused.invalid("top_p", "top_p must be greater than 0 and at most 1");
        }
        penalties.check();
        if (stop.size() > 4) {
            throw InferenceRefused.invalid("stop", "at most 4 stop sequences");
        }
        for (String s : stop) {
            if (s == null || s.isEmpty() || s.length() > 200) {
                throw InferenceRefused.invalid("stop", "stop sequences are 1 to 200 characters long");
            }
        }
        if (n != null && (n < 1 || n > MAX_CHOICES)) {
            throw InferenceRefused.invalid("n", "n must be between 1 and " + MAX_CHOICES);
        }
        if (logprobs) {
            throw InferenceRefused.invalid(
                    "logprobs", "log probabilities are not available from this server; leave logprobs out");
        }
        if (user != null && user.length() > 256) {
            throw InferenceRefused.invalid("user", "user is at most 256 characters");
        }
        if (includeUsage && !stream) {
            throw InferenceRefused.invalid("stream_options", "stream_options is only allowed when stream is true");
        }
        return this;
    }

    /** The texts the model continues: the chat rendered through its template, or the prompts. */
    public List<String> texts() {
        return chat ? List.of(ChatTemplate.render(messages)) : prompts;
    }

    public int choicesPerPrompt() {
        return n == null ? 1 : n;
    }

    /** The parameter that limits the answer's length, as the client named it. */
    public String maxTokensParam() {
        return chat ? "max_completion_tokens" : "max_tokens";
    }
}
