package io.tributary.web.serving;

import io.tributary.application.AccessDenied;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.application.attribution.FeeSplitService;
import io.tributary.application.serving.Answer;
import io.tributary.application.serving.AnswerStream;
import io.tributary.application.serving.InferenceRefused;
import io.tributary.application.serving.InferenceRequest;
import io.tributary.application.serving.InferenceService;
import io.tributary.application.serving.ModelCatalogue;
import io.tributary.application.serving.ServingViews.ModelView;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAI-compatible inference API, at {@code /v1} (also {@code /api/v1}): models, chat completions and text
 * completions, streamed as server-sent events on request. Every caller acts in its organization; published models are
 * named {@code <organization>/<model>} or {@code <organization>/<model>@<version>}, base models by name. Errors use
 * OpenAI's envelope, so official clients read them and retry rate limits by themselves.
 */
@Path("v1")
@Tag(name = "serving")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class OpenAiResource {

    private static final Logger LOG = Logger.getLogger(OpenAiResource.class.getName());

    @Inject
    ModelCatalogue catalogue;

    @Inject
    InferenceService inference;

    @Inject
    CurrentActor actor;

    @Inject
    FeeSplitService splits;

    @Operation(summary = "Models the caller may use: its own and public published models, and base models")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(
            responseCode = "401",
            description = "No valid API key",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @GET
    @Path("models")
    public Response models() {
        return answer(() -> {
            JsonArrayBuilder data = Json.createArrayBuilder();
            catalogue.models(actor.get()).forEach(m -> data.add(model(m)));
            return Json.createObjectBuilder()
                    .add("object", "list")
                    .add("data", data)
                    .build();
        });
    }

    @Operation(summary = "One model by id (the id may contain '/' and '@<version>')")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(
            responseCode = "401",
            description = "No valid API key",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "404",
            description = "model_not_found: no such model, or not one the caller may use",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @GET
    @Path("models/{id: .+}")
    public Response model(@PathParam("id") String id) {
        // Clients escape the '/' of "<organization>/<model>" (%2F), which the server leaves escaped in the path.
        String model = id.contains("%") ? URLDecoder.decode(id, StandardCharsets.UTF_8) : id;
        return answer(() -> model(catalogue.model(actor.get(), model)));
    }

    @Operation(
            summary = "Chat completion (messages through the model's chat template); streamed as server-sent events"
                    + " with stream=true")
    @APIResponse(responseCode = "200", description = "The completion, or an event stream ending with data: [DONE]")
    @APIResponse(
            responseCode = "400",
            description =
                    "invalid_request_error naming the param (a prompt beyond the context: context_length_exceeded)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "401",
            description = "invalid_api_key",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "402",
            description = "insufficient_quota: the prepaid credits cannot cover the request's worst case",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "404",
            description = "model_not_found",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "429",
            description = "rate_limit_exceeded (Retry-After, retry-after-ms) or insufficient_quota (monthly quota)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "503",
            description = "overloaded",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @POST
    @Path("chat/completions")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Response chat(String body) {
        return complete(() -> OpenAiRequests.chat(body));
    }

    @Operation(summary = "Text completion of a prompt (or an array of prompts); streamed with stream=true")
    @APIResponse(responseCode = "200", description = "The completion, or an event stream ending with data: [DONE]")
    @APIResponse(
            responseCode = "400",
            description = "invalid_request_error naming the param",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "401",
            description = "invalid_api_key",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "402",
            description = "insufficient_quota",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "404",
            description = "model_not_found",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "429",
            description = "rate_limit_exceeded or insufficient_quota",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(
            responseCode = "503",
            description = "overloaded",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenAiError.class)))
    @POST
    @Path("completions")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Response completions(String body) {
        return complete(() -> OpenAiRequests.completion(body));
    }

    private Response complete(Supplier<InferenceRequest> read) {
        InferenceService.Ticket ticket;
        InferenceRequest request;
        try {
            request = read.get();
            ticket = inference.prepare(actor.get(), request);
        } catch (RuntimeException e) {
            return error(e);
        }
        if (!request.stream()) {
            try {
                return Response.ok(body(request, inference.run(actor.get(), ticket, AnswerStream.none()))
                                .toString())
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .build();
            } catch (RuntimeException e) {
                return error(e);
            }
        }
        var caller = actor.get();
        StreamingOutput events = out -> {
            EventStream stream = new EventStream(out, request);
            try {
                Answer answer = inference.run(caller, ticket, stream);
                if (request.includeUsage()) {
                    stream.send(stream.chunk(Json.createArrayBuilder()).add("usage", usage(answer)));
                }
                stream.done();
            } catch (RuntimeException e) {
                // Headers are sent: the error goes in the stream, as OpenAI's does.
                stream.error(e);
            }
        };
        return Response.ok(events)
                .type(MediaType.SERVER_SENT_EVENTS_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build();
    }

    /** Writes chunks as server-sent events; an {@link IOException} (client gone) cancels the generation. */
    private static final class EventStream implements AnswerStream {
        private final OutputStream out;
        private final InferenceRequest request;
        private final Set<Integer> started = new HashSet<>();
        private String id;
        private String model;
        private long created;

        EventStream(OutputStream out, InferenceRequest request) {
            this.out = out;
            this.request = request;
        }

        @Override
        public void start(String id, String model, Instant created) throws IOException {
            this.id = id;
            this.model = model;
            this.created = created.getEpochSecond();
            // Sent at once so the client knows the request was accepted (and a gone client is noticed early).
            out.write(": accepted\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void piece(int choice, String text) throws IOException {
            send(choice(choice, text, null));
        }

        @Override
        public void finish(int choice, String finishReason) throws IOException {
            send(choice(choice, null, finishReason));
        }

        private JsonObjectBuilder choice(int index, String text, String finishReason) {
            JsonObjectBuilder c = Json.createObjectBuilder().add("index", index);
            if (request.chat()) {
                JsonObjectBuilder delta = Json.createObjectBuilder();
                if (started.add(index)) delta.add("role", "assistant");
                if (text != null) delta.add("content", text);
                c.add("delta", delta);
            } else {
                c.add("text", text == null ? "" : text);
            }
            c.addNull("logprobs");
            if (finishReason == null) c.addNull("finish_reason");
            else c.add("finish_reason", finishReason);
            JsonObjectBuilder chunk = chunk(Json.createArrayBuilder().add(c));
            if (request.includeUsage()) chunk.addNull("usage");
            return chunk;
        }

        JsonObjectBuilder chunk(JsonArrayBuilder choices) {
            return Json.createObjectBuilder()
                    .add("id", id)
                    .add("object", request.chat() ? "chat.completion.chunk" : "text_completion")
                    .add("created", created)
                    .add("model", model)
                    .addNull("system_fingerprint")
                    .add("choices", choices);
        }

        void send(JsonObjectBuilder chunk) throws IOException {
            out.write(("data: " + chunk.build() + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void done() throws IOException {
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void error(RuntimeException e) throws IOException {
            InferenceRefused refused = refusal(e);
            try {
                out.write(("data: "
                                + OpenAiError.json(
                                        refused.getMessage(), refused.type(), refused.param(), refused.code())
                                + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException gone) {
                // The client left; nothing to tell it.
            }
        }
    }

    private static JsonObject body(InferenceRequest request, Answer answer) {
        JsonArrayBuilder choices = Json.createArrayBuilder();
        for (Answer.Choice c : answer.choices()) {
            JsonObjectBuilder choice = Json.createObjectBuilder().add("index", c.index());
            if (request.chat()) {
                choice.add(
                        "message",
                        Json.createObjectBuilder()
                                .add("role", "assistant")
                                .add("content", c.text())
                                .addNull("refusal"));
            } else {
                choice.add("text", c.text());
            }
            choice.addNull("logprobs").add("finish_reason", c.finishReason());
            choices.add(choice);
        }
        return Json.createObjectBuilder()
                .add("id", answer.id())
                .add("object", request.chat() ? "chat.completion" : "text_completion")
                .add("created", answer.created().getEpochSecond())
                .add("model", answer.model())
                .addNull("system_fingerprint")
                .add("choices", choices)
                .add("usage", usage(answer))
                .build();
    }

    private static JsonObjectBuilder usage(Answer answer) {
        return Json.createObjectBuilder()
                .add("prompt_tokens", answer.promptTokens())
                .add("completion_tokens", answer.completionTokens())
                .add("total_tokens", answer.totalTokens());
    }

    private JsonObject model(ModelView m) {
        JsonObjectBuilder model = Json.createObjectBuilder()
                .add("id", m.id())
                .add("object", "model")
                .add("created", m.created() == null ? 0 : m.created().getEpochSecond())
                .add("owned_by", m.ownedBy())
                .add("root", m.root());
        if (m.version() == null) model.addNull("parent");
        else model.add("parent", m.root());
        model.add("display_name", m.displayName())
                .add("public", m.isPublic())
                .add("price_per_1k_tokens", m.pricePer1kTokens())
                .add("state", m.state());
        if (m.version() != null) {
            model.add("version", m.version()).add("version_id", m.versionId().toString());
            // The public split of the price (attribution's): what contributors, validators, owner and platform get.
            FeeSplitService.SplitView split = splits.of(m.versionId());
            model.add(
                    "fee_split",
                    Json.createObjectBuilder()
                            .add("contributors_bp", split.contributorsBp())
                            .add("validators_bp", split.validatorsBp())
                            .add("owner_bp", split.ownerBp())
                            .add("platform_bp", split.platformBp())
                            .add("fixed", split.fixed()));
        }
        return model.build();
    }

    private Response answer(Supplier<JsonObject> work) {
        try {
            return Response.ok(work.get().toString())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .build();
        } catch (RuntimeException e) {
            return error(e);
        }
    }

    private static Response error(RuntimeException e) {
        return OpenAiError.of(refusal(e));
    }

    /** Any failure as OpenAI's envelope: refusals as they are, domain errors by kind, the rest as 500 without detail. */
    static InferenceRefused refusal(RuntimeException e) {
        Throwable cause = e instanceof jakarta.ejb.EJBException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof InferenceRefused refused) return refused;
        if (cause instanceof InvalidInput invalid) {
            var first = invalid.violations().entrySet().stream().findFirst();
            return InferenceRefused.invalid(
                    first.map(java.util.Map.Entry::getKey).orElse(null),
                    first.map(java.util.Map.Entry::getValue).orElse(invalid.getMessage()));
        }
        if (cause instanceof NotFound notFound) {
            return new InferenceRefused(404, "invalid_request_error", "not_found", null, notFound.getMessage(), null);
        }
        if (cause instanceof AccessDenied denied) {
            return new InferenceRefused(403, "permission_error", "permission_denied", null, denied.getMessage(), null);
        }
        LOG.log(Level.SEVERE, "Serving failed", e);
        return new InferenceRefused(
                500, "server_error", null, null, "The server had an error while processing your request.", null);
    }
}
