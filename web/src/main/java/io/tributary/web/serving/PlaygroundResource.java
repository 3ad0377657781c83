package io.tributary.web.serving;

import io.tributary.application.Actor;
import io.tributary.application.serving.AnswerStream;
import io.tributary.application.serving.ChatMessage;
import io.tributary.application.serving.InferenceRefused;
import io.tributary.application.serving.InferenceRequest;
import io.tributary.application.serving.InferenceService;
import io.tributary.web.rest.SpendingRead;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The playground's chat: one message to any model the caller may use, answered as Server-Sent Events in the
 * factory chat's format ({@code token} with each piece, then {@code done} with the whole answer, or {@code failed}
 * with the reason). Metered and charged like any call to {@code /v1/chat/completions}.
 */
@Path("serving/playground")
@Tag(name = "serving")
@SecurityRequirement(name = TributaryApi.OIDC)
public class PlaygroundResource {

    @Inject
    InferenceService inference;

    @Inject
    CurrentActor actor;

    @SpendingRead
    @GET
    @Path("chat")
    @Produces("text/event-stream")
    @Operation(summary = "A chat message to a model, answered as Server-Sent Events (the playground)")
    @APIResponse(responseCode = "200", description = "text/event-stream")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    public Response chat(
            @QueryParam("model") String model,
            @QueryParam("message") String message,
            @QueryParam("temperature") @DefaultValue("0.7") double temperature,
            @QueryParam("maxTokens") @DefaultValue("64") int maxTokens) {
        Actor who = actor.get();
        InferenceRequest request = new InferenceRequest(
                model,
                true,
                List.of(new ChatMessage("user", message == null ? "" : message)),
                null,
                maxTokens,
                temperature,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                true,
                false,
                false);
        StreamingOutput stream = out -> {
            try {
                var answer = inference.complete(who, request, new AnswerStream() {
                    @Override
                    public void start(String id, String model, Instant created) {}

                    @Override
                    public void piece(int choice, String text) throws IOException {
                        send(
                                out,
                                "token",
                                Json.createObjectBuilder()
                                        .add("text", text)
                                        .build()
                                        .toString());
                    }

                    @Override
                    public void finish(int choice, String finishReason) {}
                });
                send(
                        out,
                        "done",
                        Json.createObjectBuilder()
                                .add("text", answer.choices().get(0).text())
                                .add("promptTokens", answer.promptTokens())
                                .add("completionTokens", answer.completionTokens())
                                .build()
                                .toString());
            } catch (InferenceRefused refused) {
                send(
                        out,
                        "failed",
                        Json.createObjectBuilder()
                                .add("text", refused.getMessage())
                                .build()
                                .toString());
            }
        };
        return Response.ok(stream, "text/event-stream")
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static void send(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
