package io.tributary.web.serving;

import io.tributary.application.serving.ChatMessage;
import io.tributary.application.serving.InferenceRefused;
import io.tributary.application.serving.InferenceRequest;
import io.tributary.application.serving.Penalties;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenAI's chat and text completion bodies into an {@link InferenceRequest}: every value of the wrong type, and
 * every option serving cannot honour, is refused with a 400 naming its parameter, never ignored silently.
 */
final class OpenAiRequests {

    /** Options that change what is generated in ways this server cannot do: refused unless at their neutral value. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "tools", "tool calls are not supported by this server",
            "functions", "function calls are not supported by this server",
            "tool_choice", "tool calls are not supported by this server",
            "logit_bias", "logit_bias is not supported by this server",
            "suffix", "suffix is not supported by this server",
            "audio", "audio output is not supported by this server",
            "prediction", "predicted outputs are not supported by this server");

    private OpenAiRequests() {}

    static InferenceRequest chat(String body) {
        return read(body, true);
    }

    static InferenceRequest completion(String body) {
        return read(body, false);
    }

    private static InferenceRequest read(String body, boolean chat) {
        JsonObject json = object(body);
        for (var option : UNSUPPORTED.entrySet()) {
            JsonValue v = json.get(option.getKey());
            if (v != null && v.getValueType() != JsonValue.ValueType.NULL && !isEmpty(v)) {
                throw InferenceRefused.invalid(option.getKey(), option.getValue());
            }
        }
        JsonValue format = json.get("response_format");
        if (format != null && format.getValueType() == JsonValue.ValueType.OBJECT) {
            String type = format.asJsonObject().getString("type", "text");
            if (!type.equals("text")) {
                throw InferenceRefused.invalid("response_format", "only the text response format is supported");
            }
        }
        if (!chat) {
            if (Boolean.TRUE.equals(bool(json, "echo")))
                throw InferenceRefused.invalid("echo", "echo is not supported");
            Integer bestOf = integer(json, "best_of");
            if (bestOf != null && bestOf != 1) throw InferenceRefused.invalid("best_of", "best_of must be 1");
        }
        Integer maxTokens = integer(json, "max_tokens");
        Integer maxCompletion = integer(json, "max_completion_tokens");
        if (maxTokens != null && maxCompletion != null && !maxTokens.equals(maxCompletion)) {
            throw InferenceRefused.invalid(
                    "max_tokens", "give max_tokens or max_completion_tokens, not two different limits");
        }
        boolean logprobs;
        if (chat) {
            logprobs = Boolean.TRUE.equals(bool(json, "logprobs"));
        } else {
            Integer n = integer(json, "logprobs");
            logprobs = n != null && n > 0;
        }
        Integer top = integer(json, "top_logprobs");
        if (top != null && top > 0) {
            throw InferenceRefused.invalid("top_logprobs", "log probabilities are not available from this server");
        }
        boolean stream = Boolean.TRUE.equals(bool(json, "stream"));
        boolean includeUsage = false;
        JsonValue options = json.get("stream_options");
        if (options != null && options.getValueType() != JsonValue.ValueType.NULL) {
            if (options.getValueType() != JsonValue.ValueType.OBJECT) {
                throw InferenceRefused.invalid("stream_options", "stream_options must be an object");
            }
            includeUsage =
                    Boolean.TRUE.equals(bool(options.asJsonObject(), "include_usage", "stream_options.include_usage"));
        }
        Long seed = null;
        JsonValue seedValue = json.get("seed");
        if (seedValue != null && seedValue.getValueType() != JsonValue.ValueType.NULL) {
            if (!(seedValue instanceof JsonNumber number) || !number.isIntegral()) {
                throw InferenceRefused.invalid("seed", "seed must be an integer");
            }
            seed = number.longValue();
        }
        Boolean share = bool(json, "tributary_share_prompt");
        return new InferenceRequest(
                string(json, "model"),
                chat,
                chat ? messages(json) : List.of(),
                chat ? List.of() : prompts(json),
                maxCompletion != null ? maxCompletion : maxTokens,
                number(json, "temperature"),
                number(json, "top_p"),
                new Penalties(
                        number(json, "frequency_penalty"),
                        number(json, "presence_penalty"),
                        number(json, "repetition_penalty"),
                        integer(json, "no_repeat_ngram_size")),
                stop(json),
                seed,
                integer(json, "n"),
                logprobs,
                string(json, "user"),
                stream,
                includeUsage,
                Boolean.TRUE.equals(share));
    }

    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw InferenceRefused.invalid(null, "The request needs a JSON body.");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw InferenceRefused.invalid(null, "The body must be a JSON object.");
            }
            return value.asJsonObject();
        } catch (jakarta.json.JsonException e) {
            throw InferenceRefused.invalid(
                    null, "We could not parse the JSON body of your request: it is not valid JSON.");
        }
    }

    private static List<ChatMessage> messages(JsonObject json) {
        JsonValue value = json.get("messages");
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw InferenceRefused.invalid("messages", "messages must be an array of messages");
        }
        List<ChatMessage> messages = new ArrayList<>();
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw InferenceRefused.invalid("messages[" + i + "]", "each message must be an object");
            }
            JsonObject m = array.getJsonObject(i);
            String role = string(m, "role", "messages[" + i + "].role");
            messages.add(new ChatMessage(role, content(m.get("content"), "messages[" + i + "].content")));
        }
        return messages;
    }

    /** A message's content: a string, or an array of text parts (other parts are refused). */
    private static String content(JsonValue value, String param) {
        if (value instanceof JsonString s) return s.getString();
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            StringBuilder text = new StringBuilder();
            for (JsonValue part : value.asJsonArray()) {
                if (part.getValueType() != JsonValue.ValueType.OBJECT
                        || !"text".equals(part.asJsonObject().getString("type", ""))
                        || !(part.asJsonObject().get("text") instanceof JsonString t)) {
                    throw InferenceRefused.invalid(param, "only text content parts are supported");
                }
                text.append(t.getString());
            }
            return text.toString();
        }
        throw InferenceRefused.invalid(param, "content must be a string or an array of text parts");
    }

    private static List<String> prompts(JsonObject json) {
        JsonValue value = json.get("prompt");
        if (value instanceof JsonString s) return List.of(s.getString());
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            List<String> prompts = new ArrayList<>();
            for (JsonValue p : value.asJsonArray()) {
                if (!(p instanceof JsonString s)) {
                    throw InferenceRefused.invalid("prompt", "prompt must be a string or an array of strings");
                }
                prompts.add(s.getString());
            }
            return prompts;
        }
        throw InferenceRefused.invalid("prompt", "prompt must be a string or an array of strings");
    }

    private static List<String> stop(JsonObject json) {
        JsonValue value = json.get("stop");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return List.of();
        if (value instanceof JsonString s) return List.of(s.getString());
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            List<String> stops = new ArrayList<>();
            for (JsonValue v : value.asJsonArray()) {
                if (!(v instanceof JsonString s)) {
                    throw InferenceRefused.invalid("stop", "stop must be a string or an array of strings");
                }
                stops.add(s.getString());
            }
            return stops;
        }
        throw InferenceRefused.invalid("stop", "stop must be a string or an array of strings");
    }

    private static String string(JsonObject json, String name) {
        return string(json, name, name);
    }

    private static String string(JsonObject json, String name, String param) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
        if (value instanceof JsonString s) return s.getString();
        throw InferenceRefused.invalid(param, param + " must be a string");
    }

    private static Double number(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
        if (value instanceof JsonNumber n) return n.doubleValue();
        throw InferenceRefused.invalid(name, name + " must be a number");
    }

    private static Integer integer(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
        if (value instanceof JsonNumber n && n.isIntegral()) {
            BigDecimal d = n.bigDecimalValue();
            if (d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) return Integer.MAX_VALUE;
            if (d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) return Integer.MIN_VALUE;
            return n.intValue();
        }
        throw InferenceRefused.invalid(name, name + " must be an integer");
    }

    private static Boolean bool(JsonObject json, String name) {
        return bool(json, name, name);
    }

    private static Boolean bool(JsonObject json, String name, String param) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
        if (value == JsonValue.TRUE) return true;
        if (value == JsonValue.FALSE) return false;
        if (value.getValueType() == JsonValue.ValueType.TRUE) return true;
        if (value.getValueType() == JsonValue.ValueType.FALSE) return false;
        throw InferenceRefused.invalid(param, param + " must be a boolean");
    }

    private static boolean isEmpty(JsonValue v) {
        return switch (v.getValueType()) {
            case ARRAY -> v.asJsonArray().isEmpty();
            case OBJECT -> v.asJsonObject().isEmpty();
            case STRING -> ((JsonString) v).getString().isEmpty();
            default -> false;
        };
    }
}
