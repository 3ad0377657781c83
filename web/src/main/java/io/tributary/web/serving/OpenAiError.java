package io.tributary.web.serving;

import io.tributary.application.serving.InferenceRefused;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error as OpenAI's API answers it, {@code {"error":{"message","type","param","code"}}}, so that every
 * OpenAI-compatible client reads it (and retries 429s after {@code retry-after-ms}).
 */
@Schema(description = "OpenAI's error envelope")
public record OpenAiError(Body error) {

    /** The error itself. */
    public record Body(String message, String type, String param, String code) {}

    /** The response for a refusal, with Retry-After (seconds) and retry-after-ms when the client should retry. */
    public static Response of(InferenceRefused refused) {
        Response.ResponseBuilder response = Response.status(refused.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json(refused.getMessage(), refused.type(), refused.param(), refused.code()));
        if (refused.retryAfter() != null) {
            long millis = Math.max(1, refused.retryAfter().toMillis());
            response.header("Retry-After", Math.max(1, (millis + 999) / 1000))
                    .header("retry-after-ms", millis)
                    .header("x-should-retry", "true");
        } else if (refused.status() == 429 || refused.status() == 402) {
            // A spent quota or credit does not come back by waiting: clients must not retry.
            response.header("x-should-retry", "false");
        }
        return response.build();
    }

    public static Response of(int status, String message, String type, String param, String code) {
        return of(new InferenceRefused(status, type, code, param, message, null));
    }

    /** The envelope as JSON text. */
    public static String json(String message, String type, String param, String code) {
        JsonObjectBuilder error =
                Json.createObjectBuilder().add("message", message).add("type", type);
        nullable(error, "param", param);
        nullable(error, "code", code);
        return Json.createObjectBuilder().add("error", error).build().toString();
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) b.addNull(name);
        else b.add(name, value);
    }
}
