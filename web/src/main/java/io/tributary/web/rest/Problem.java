package io.tributary.web.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document, the body of every API error.
 *
 * @param errors field name to message, for invalid input
 */
@Schema(name = "Problem", description = "An RFC 9457 problem document, the body of every API error.")
public record Problem(
        @Schema(description = "A URI naming the kind of problem; about:blank for plain HTTP statuses")
        String type,

        @Schema(description = "The status's reason phrase") String title,
        @Schema(description = "The HTTP status") int status,
        @Schema(description = "What went wrong, for people") String detail,
        @Schema(description = "The request path") String instance,

        @Schema(description = "For invalid input: each field's problem, by field name")
        Map<String, String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Jsonb JSON = JsonbBuilder.create();

    public static Problem of(int status, String detail, String instance) {
        return new Problem(
                "about:blank",
                Response.Status.fromStatusCode(status) == null
                        ? "Error"
                        : Response.Status.fromStatusCode(status).getReasonPhrase(),
                status,
                detail,
                instance,
                null);
    }

    public Problem withErrors(Map<String, String> errors) {
        return new Problem(type, title, status, detail, instance, errors);
    }

    public Response response() {
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE + ";charset=UTF-8"))
                .entity(JSON.toJson(this))
                .build();
    }

    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.toJson(problem));
    }
}
