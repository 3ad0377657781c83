package io.tributary.web.factory;

import io.tributary.application.InvalidInput;
import io.tributary.application.factory.FactoryService;
import io.tributary.application.factory.FactoryViews.BaseView;
import io.tributary.application.factory.FactoryViews.CheckpointView;
import io.tributary.application.factory.FactoryViews.Comparison;
import io.tributary.application.factory.FactoryViews.DataPreview;
import io.tributary.application.factory.FactoryViews.LimitsView;
import io.tributary.application.factory.FactoryViews.LogEntry;
import io.tributary.application.factory.FactoryViews.ModelCard;
import io.tributary.application.factory.FactoryViews.ReleaseOption;
import io.tributary.application.factory.FactoryViews.RunView;
import io.tributary.application.factory.FactoryViews.VersionView;
import io.tributary.application.factory.Preset;
import io.tributary.application.factory.ReleaseData;
import io.tributary.application.factory.RunDraft;
import io.tributary.application.factory.RunSettings;
import io.tributary.persistence.factory.RunMetric;
import io.tributary.web.rest.PageParameters;
import io.tributary.web.rest.SpendingRead;
import io.tributary.web.rest.TributaryApi;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Labels;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Model Factory over HTTP: bases, releases, previews, runs and their live events, evaluation, publish, export. */
@Path("factory")
@Tag(name = "factory")
@SecurityRequirement(name = TributaryApi.SERVICE_KEY)
@SecurityRequirement(name = TributaryApi.API_KEY_HEADER)
@SecurityRequirement(name = TributaryApi.OIDC)
@Produces(MediaType.APPLICATION_JSON)
public class FactoryResource {

    /** A release to train on. */
    public record ReleaseChoice(UUID dataNetId, int version) {}

    /** A run to launch (or preview): settings start from the preset and are overridden field by field. */
    public record RunRequest(
            String name,
            UUID baseModelId,
            List<ReleaseChoice> releases,
            String objective,
            String preset,
            JsonObject settings,
            boolean forSale) {}

    /** Which checkpoint to resume or fork from; the latest when absent. */
    public record CheckpointChoice(Integer step) {}

    /**
     * A model version to publish from a completed run; {@code retrievalTopK} (1–8, optional) makes it answer with that
     * many of its DataNet releases' records retrieved into each chat prompt, attributed by leave-one-out.
     */
    public record PublishRequest(String name, BigDecimal pricePer1kTokens, Integer retrievalTopK) {}

    /** The stream's longest life; clients reconnect with {@code ?after=} the last step they saw. */
    private static final long STREAM_MILLIS = 30 * 60 * 1000L;

    private static final long POLL_MILLIS = 1000;

    @Inject
    FactoryService factory;

    @Inject
    CurrentActor actor;

    @Inject
    Labels labels;

    @Inject
    io.tributary.application.factory.BaseCatalogue catalogue;

    @Operation(summary = "Base models the organization may fine-tune")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("bases")
    public List<BaseView> bases() {
        return factory.bases(actor.get());
    }

    @Operation(
            summary = "Import a zipped Hugging Face folder (config.json, model.safetensors, tokenizer.json) as a base"
                    + " only this organization sees (org admins)")
    @APIResponse(responseCode = "201", description = "The base")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @POST
    @Path("bases")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    public Response importBase(
            @QueryParam("name") String name, @QueryParam("licence") String licence, java.io.InputStream zip) {
        BaseView base = catalogue.importPrivate(actor.get(), name, licence, zip);
        return Response.created(URI.create("factory/bases/" + base.id()))
                .entity(base)
                .build();
    }

    @Operation(summary = "Retire one of the organization's imported bases: no new runs on it (org admins)")
    @APIResponse(responseCode = "200", description = "The base")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @POST
    @Path("bases/{id}/retire")
    public BaseView retireBase(@PathParam("id") UUID id) {
        return catalogue.retire(actor.get(), id);
    }

    @Operation(summary = "DataNet releases the organization may train on, with their licences")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("releases")
    public List<ReleaseOption> releases() {
        return factory.releaseOptions(actor.get());
    }

    @Operation(summary = "Preview a run: the data as the model sees it, token lengths, truncation and the estimate")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @POST
    @Path("previews")
    @Consumes(MediaType.APPLICATION_JSON)
    public DataPreview preview(RunRequest request) {
        return factory.preview(actor.get(), draft(request));
    }

    @Operation(
            summary =
                    "Launch a training run (model-builder); refused over the monthly quota or a non-commercial release for a sold model")
    @APIResponse(responseCode = "201", description = "The queued run")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @POST
    @Path("runs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(RunRequest request) {
        RunView run = factory.create(actor.get(), draft(request));
        return Response.created(URI.create("/api/factory/runs/" + run.id()))
                .entity(run)
                .build();
    }

    @Operation(summary = "The organization's training runs, newest first")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs")
    public Response runs(@BeanParam PageParameters page) {
        return page.respond(factory.runs(actor.get(), page.request()));
    }

    @Operation(summary = "One training run: status, queue position, progress, losses")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs/{id}")
    public RunView run(@PathParam("id") UUID id) {
        return factory.run(actor.get(), id);
    }

    @Operation(summary = "A run's metrics per optimiser step after a given step")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs/{id}/metrics")
    public List<RunMetric> metrics(@PathParam("id") UUID id, @QueryParam("after") @DefaultValue("0") int after) {
        return factory.metrics(actor.get(), id, after);
    }

    @Operation(summary = "The checkpoints a run kept")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs/{id}/checkpoints")
    public List<CheckpointView> checkpoints(@PathParam("id") UUID id) {
        return factory.checkpoints(actor.get(), id);
    }

    /**
     * The run's progress as Server-Sent Events: {@code metric} per optimiser step (loss, learning rate, tokens/s,
     * validation loss), {@code status} when it changes (with {@code statusLabel} in words and {@code percent}),
     * {@code log} for each new line of the run's log ({@code index}, {@code kind}, {@code at}, {@code message}); the
     * stream ends when the run has ended.
     */
    @Operation(summary = "A run's live progress as Server-Sent Events (metric, status, log) until it ends")
    @APIResponse(responseCode = "200", description = "text/event-stream")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs/{id}/events")
    @Produces("text/event-stream")
    public Response events(@PathParam("id") UUID id, @QueryParam("after") @DefaultValue("0") int after) {
        var who = actor.get();
        RunView first = factory.run(who, id);
        StreamingOutput stream = out -> {
            int last = after;
            int logged = 0;
            String lastStatus = null;
            long until = System.currentTimeMillis() + STREAM_MILLIS;
            RunView run = first;
            while (true) {
                for (RunMetric m : factory.metrics(who, id, last)) {
                    send(out, "metric", metricJson(m, run));
                    last = m.step();
                }
                String status = run.status() + ":" + run.step() + ":" + run.cancelRequested();
                if (!status.equals(lastStatus)) {
                    send(out, "status", statusJson(run));
                    lastStatus = status;
                }
                List<LogEntry> log = factory.log(who, id);
                for (; logged < log.size(); logged++) {
                    send(out, "log", logJson(logged, log.get(logged)));
                }
                if (run.isFinal() || System.currentTimeMillis() > until) {
                    break;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                run = factory.run(who, id);
            }
        };
        return Response.ok(stream, "text/event-stream")
                .header("Cache-Control", "no-cache")
                .build();
    }

    @Operation(summary = "A run's log: queued, started, validations, checkpoints, how it ended and why")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs/{id}/log")
    public List<LogEntry> log(@PathParam("id") UUID id) {
        return factory.log(actor.get(), id);
    }

    @Operation(summary = "Two to four runs side by side: loss curves, settings (differences marked), evaluations")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("comparisons")
    public Comparison compare(@QueryParam("run") List<UUID> runs) {
        return factory.compare(actor.get(), runs);
    }

    @Operation(summary = "Cancel a run; its last checkpoint stays")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @POST
    @Path("runs/{id}/cancel")
    public RunView cancel(@PathParam("id") UUID id) {
        return factory.cancel(actor.get(), id);
    }

    @Operation(summary = "Resume a cancelled or failed run from a checkpoint (the latest by default)")
    @APIResponse(responseCode = "200", description = "The queued run")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @POST
    @Path("runs/{id}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public RunView resume(@PathParam("id") UUID id, CheckpointChoice choice) {
        return factory.resume(actor.get(), id, choice == null ? null : choice.step());
    }

    @Operation(summary = "Fork a run from one of its checkpoints into a new run")
    @APIResponse(responseCode = "201", description = "The new run")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @POST
    @Path("runs/{id}/forks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response fork(@PathParam("id") UUID id, CheckpointChoice choice) {
        RunView fork = factory.fork(actor.get(), id, choice == null ? null : choice.step());
        return Response.created(URI.create("/api/factory/runs/" + fork.id()))
                .entity(fork)
                .build();
    }

    @Operation(
            summary =
                    "The evaluation report: base against adapter loss, perplexity, exact match, token F1, best and worst samples")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs/{id}/evaluation")
    public Response evaluation(@PathParam("id") UUID id) {
        return Response.ok(factory.evaluation(actor.get(), id), MediaType.APPLICATION_JSON)
                .build();
    }

    @Operation(summary = "Publish a completed run as the next immutable version of a model")
    @APIResponse(responseCode = "201", description = "The model version")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "429", ref = TributaryApi.RATE_LIMITED)
    @POST
    @Path("runs/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("id") UUID id, PublishRequest request) {
        PublishRequest r = request == null ? new PublishRequest(null, null, null) : request;
        VersionView v = factory.publish(actor.get(), id, r.name(), r.pricePer1kTokens(), r.retrievalTopK());
        return Response.created(URI.create("/api/factory/models/" + v.id()))
                .entity(v)
                .build();
    }

    /** The adapter as a PEFT folder in a zip: adapter/adapter_config.json and adapter/adapter_model.safetensors. */
    @Operation(summary = "The run's adapter as a PEFT folder in a zip")
    @APIResponse(responseCode = "200", description = "application/zip")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs/{id}/adapter.zip")
    @Produces("application/zip")
    public Response export(@PathParam("id") UUID id) {
        var who = actor.get();
        factory.run(who, id);
        // Refusals (not completed) surface before any byte is written: the service checks, then streams.
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        factory.exportAdapter(who, id, zip);
        return Response.ok(zip.toByteArray(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"adapter-" + id + ".zip\"")
                .build();
    }

    @Operation(
            summary = "The adapter merged into its base as a Hugging Face folder (config, weights, tokenizer) in a zip")
    @APIResponse(responseCode = "200", description = "application/zip")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @GET
    @Path("runs/{id}/merged.zip")
    @Produces("application/zip")
    public Response exportMerged(@PathParam("id") UUID id) {
        var who = actor.get();
        factory.run(who, id);
        // Buffered so that a refusal or a failed merge answers as a problem, never as half a zip.
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        factory.exportMerged(who, id, zip);
        return Response.ok(zip.toByteArray(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"model-" + id + ".zip\"")
                .build();
    }

    /**
     * A prompt answered by the base model or by the run's adapter, streamed as Server-Sent Events: {@code token} with
     * each piece of text, then {@code done} with the whole answer.
     */
    @Operation(summary = "A prompt answered by the base model or the adapter, streamed as Server-Sent Events")
    @APIResponse(responseCode = "200", description = "text/event-stream")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "409", ref = TributaryApi.PROBLEM)
    @SpendingRead
    @GET
    @Path("runs/{id}/chat")
    @Produces("text/event-stream")
    public Response chat(
            @PathParam("id") UUID id,
            @QueryParam("prompt") String prompt,
            @QueryParam("adapter") @DefaultValue("true") boolean adapter,
            @QueryParam("maxNewTokens") @DefaultValue("48") int maxNewTokens,
            @QueryParam("temperature") @DefaultValue("0") double temperature) {
        var who = actor.get();
        factory.run(who, id);
        StreamingOutput stream = out -> {
            String answer = factory.chat(who, id, prompt, adapter, maxNewTokens, temperature, text -> {
                if (!text.isEmpty()) {
                    try {
                        send(
                                out,
                                "token",
                                Json.createObjectBuilder()
                                        .add("text", text)
                                        .build()
                                        .toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            send(
                    out,
                    "done",
                    Json.createObjectBuilder().add("text", answer).build().toString());
        };
        return Response.ok(stream, "text/event-stream")
                .header("Cache-Control", "no-cache")
                .build();
    }

    @Operation(summary = "The organization's published model versions")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "400", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("models")
    public Response models(@BeanParam PageParameters page) {
        return page.respond(factory.versions(actor.get(), page.request()));
    }

    @Operation(summary = "One published model version")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("models/{id}")
    public VersionView model(@PathParam("id") UUID id) {
        return factory.version(actor.get(), id);
    }

    @Operation(summary = "A published version's card: base, releases, settings, evaluation, licence, price, /v1 name")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @APIResponse(responseCode = "404", ref = TributaryApi.PROBLEM)
    @GET
    @Path("models/{id}/card")
    public ModelCard card(@PathParam("id") UUID id) {
        return factory.card(actor.get(), id);
    }

    @Operation(summary = "The organization's training limits and this month's use")
    @APIResponse(responseCode = "200", description = "OK")
    @APIResponse(responseCode = "401", ref = TributaryApi.UNAUTHENTICATED)
    @APIResponse(responseCode = "403", ref = TributaryApi.PROBLEM)
    @GET
    @Path("limits")
    public LimitsView limits() {
        return factory.myLimits(actor.get());
    }

    static RunDraft draft(RunRequest r) {
        if (r == null) {
            throw new InvalidInput("run", "Send the run as JSON: name, baseModelId, releases, objective, preset.");
        }
        Preset preset;
        try {
            preset = r.preset() == null || r.preset().isBlank()
                    ? Preset.BALANCED
                    : Preset.valueOf(r.preset().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("preset", "Choose a preset: QUICK, BALANCED or THOROUGH.");
        }
        RunSettings settings;
        try {
            settings = r.settings() == null ? preset.settings() : RunSettings.of(r.settings(), preset.settings());
        } catch (ClassCastException | ArithmeticException | NullPointerException e) {
            throw new InvalidInput(
                    "settings", "Settings are numbers (targetModules a list of names): " + e.getMessage());
        }
        List<ReleaseData.Wanted> wanted = r.releases() == null
                ? List.of()
                : r.releases().stream()
                        .map(c -> c == null ? null : new ReleaseData.Wanted(c.dataNetId(), c.version()))
                        .toList();
        return new RunDraft(r.name(), r.baseModelId(), wanted, r.objective(), preset.name(), settings, r.forSale());
    }

    private static String metricJson(RunMetric m, RunView run) {
        var o = Json.createObjectBuilder()
                .add("step", m.step())
                .add("totalSteps", run.totalSteps())
                .add("loss", m.loss())
                .add("learningRate", m.learningRate())
                .add("tokensPerSecond", m.tokensPerSecond());
        if (m.validationLoss() != null) o.add("validationLoss", m.validationLoss());
        return o.build().toString();
    }

    private String logJson(int index, LogEntry e) {
        var o = Json.createObjectBuilder()
                .add("index", index)
                .add("kind", e.kind())
                .add("kindLabel", labels.named("RunEvent", e.kind()))
                .add("message", e.message());
        if (e.at() != null) o.add("at", e.at().toString());
        if (e.step() != null) o.add("step", e.step());
        return o.build().toString();
    }

    private String statusJson(RunView run) {
        var o = Json.createObjectBuilder()
                .add("status", run.status())
                .add("statusLabel", labels.named("JobStatus", run.status()))
                .add("percent", run.percent())
                .add("step", run.step())
                .add("totalSteps", run.totalSteps())
                .add("queuePosition", run.queuePosition())
                .add("cancelRequested", run.cancelRequested());
        if (run.finalLoss() != null) o.add("finalLoss", run.finalLoss());
        if (run.failureReason() != null) o.add("failureReason", run.failureReason());
        return o.build().toString();
    }

    private static void send(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
