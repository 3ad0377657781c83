package io.tributary.application.serving;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/**
 * A request serving refuses, nothing charged, with what OpenAI-compatible clients expect: the HTTP status, the error
 * type and code, the parameter at fault, and for rate limits how long to wait.
 */
@ApplicationException(rollback = true)
public class InferenceRefused extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Duration retryAfter;

    public InferenceRefused(int status, String type, String code, String param, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    /** 400: a parameter is missing or wrong. */
    public static InferenceRefused invalid(String param, String message) {
        return new InferenceRefused(400, "invalid_request_error", null, param, message, null);
    }

    /** 400: the prompt does not fit in the model's context; it is refused, never silently cut. */
    public static InferenceRefused contextLengthExceeded(String param, String message) {
        return new InferenceRefused(400, "invalid_request_error", "context_length_exceeded", param, message, null);
    }

    /** 404: no such model, or not one the caller may use (the two are not told apart). */
    public static InferenceRefused modelNotFound(String model) {
        return new InferenceRefused(
                404,
                "invalid_request_error",
                "model_not_found",
                "model",
                "The model '" + model + "' does not exist or you do not have access to it.",
                null);
    }

    /** 429: a per-minute limit or the organization's queue bound; retry after the given time. */
    public static InferenceRefused rateLimited(String message, Duration retryAfter) {
        return new InferenceRefused(429, "rate_limit_exceeded", "rate_limit_exceeded", null, message, retryAfter);
    }

    /** 429: the monthly token quota is spent; retrying soon does not help. */
    public static InferenceRefused quotaSpent(String message) {
        return new InferenceRefused(429, "insufficient_quota", "insufficient_quota", null, message, null);
    }

    /** 402: the prepaid credits cannot pay for the request. */
    public static InferenceRefused insufficientCredit(String message) {
        return new InferenceRefused(402, "insufficient_quota", "insufficient_quota", null, message, null);
    }

    /** 503: the node has too much work. */
    public static InferenceRefused overloaded(String message) {
        return new InferenceRefused(503, "server_error", "overloaded", null, message, Duration.ofSeconds(1));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    /** How long to wait before retrying, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
