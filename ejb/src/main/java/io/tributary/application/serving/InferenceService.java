package io.tributary.application.serving;

import io.tributary.application.Actor;
import io.tributary.application.Settings;
import io.tributary.persistence.serving.UsageStatus;
import io.tributary.training.generate.Generation;
import io.tributary.training.generate.GenerationConfig;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers chat and text completions: checks the request (every refusal names its parameter), resolves the model for
 * the caller, refuses prompts longer than the context, applies the organization's rate limits, monthly quota and
 * queue bound, reserves the worst-case price on its prepaid credits, generates on the base's adapter server
 * (streaming pieces as they come), then records usage, charges and publishes {@link InferenceServed} in one
 * transaction. Runs outside any transaction itself: generation may take seconds.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InferenceService {

    private static final Logger LOG = Logger.getLogger(InferenceService.class.getName());

    @Inject
    ModelCatalogue catalogue;

    @Inject
    ServingRuntime runtime;

    @Inject
    Metering metering;

    @Inject
    ServingMetrics metrics;

    @Inject
    RecordRetrieval retrieval;

    /** Generation events handed from the engine's scheduler thread to the request's thread. */
    private record Event(int choice, String text, boolean done) {}

    /**
     * A request that passed every check and holds its place: counted against its organization's queue bound, its
     * worst case reserved on the caller's credits. {@link #run} it exactly once.
     */
    public static final class Ticket {
        final InferenceRequest request;
        final ResolvedModel model;
        final List<String> texts;
        final int[] promptLengths;
        final int[] limits;
        final UUID receipt;
        final UUID reservation;
        final ServingRuntime.Admission admission;
        List<UUID> retrieved = List.of();

        Ticket(
                InferenceRequest request,
                ResolvedModel model,
                List<String> texts,
                int[] promptLengths,
                int[] limits,
                UUID receipt,
                UUID reservation,
                ServingRuntime.Admission admission) {
            this.request = request;
            this.model = model;
            this.texts = texts;
            this.promptLengths = promptLengths;
            this.limits = limits;
            this.receipt = receipt;
            this.reservation = reservation;
            this.admission = admission;
        }

        /** The answer's id, known before it is generated. */
        public String id() {
            return (request.chat() ? "chatcmpl-" : "cmpl-") + receipt;
        }

        public String model() {
            return model.id();
        }
    }

    /** Checks, resolves, limits and reserves, then generates and meters: the whole request in one call. */
    public Answer complete(Actor actor, InferenceRequest request, AnswerStream stream) {
        return run(actor, prepare(actor, request), stream);
    }

    /**
     * Everything that may refuse the request before a token is generated: its parameters, the model, the context,
     * the organization's limits and queue bound, and the caller's credit for the worst case.
     */
    public Ticket prepare(Actor actor, InferenceRequest request) {
        request.check();
        UUID tenant = actor.requireTenant();
        ResolvedModel model = catalogue.resolve(actor, request.model());
        int context = model.base().contextLength();
        List<String> texts = request.texts();
        RetrievalPrompt augmented = null;
        if (model.retrievalTopK() != null && request.chat()) {
            augmented = augment(model, request.messages(), context, tenant);
            texts = List.of(augmented.prompt());
        }
        int n = request.choicesPerPrompt();
        int[] promptLengths = new int[texts.size()];
        int[] limits = new int[texts.size()];
        long worstCase = 0;
        for (int p = 0; p < texts.size(); p++) {
            promptLengths[p] = Math.max(1, runtime.tokens(model.base(), texts.get(p)).length);
            if (promptLengths[p] >= context) {
                String what = request.chat() ? "messages" : "prompt";
                throw InferenceRefused.contextLengthExceeded(
                        what,
                        "This model's maximum context length is " + context + " tokens. However, your " + what
                                + (texts.size() > 1 ? " [" + p + "]" : "") + " resulted in " + promptLengths[p]
                                + " tokens, which leaves no room for an answer. Shorten it; it is never cut"
                                + " silently.");
            }
            int room = context - promptLengths[p];
            limits[p] = request.maxTokens() == null ? room : Math.min(request.maxTokens(), room);
            worstCase += promptLengths[p] + (long) n * limits[p];
        }
        Metering.Gate gate = metering.admit(tenant, worstCase);
        if (gate.refusal() != null) {
            metrics.refused(
                    model.id(),
                    tenant,
                    gate.refusal().code() == null ? "refused" : gate.refusal().code());
            throw gate.refusal();
        }
        ServingRuntime.Admission admission = runtime.admit(tenant, gate.limits().queueBound(), texts.size() * n);
        UUID reservation = null;
        try {
            if (!model.isFree()) {
                reservation = UUID.randomUUID();
                metering.reserve(reservation, tenant, model, worstCase);
            }
        } catch (RuntimeException e) {
            admission.close();
            throw e;
        }
        Ticket ticket =
                new Ticket(request, model, texts, promptLengths, limits, UUID.randomUUID(), reservation, admission);
        if (augmented != null) ticket.retrieved = augmented.recordIds();
        return ticket;
    }

    /**
     * Retrieves the version's records nearest to the last user message and puts them into the chat prompt
     * ({@link RetrievalPrompt}), leaving room for an answer; only records the caller's organization may read.
     */
    private RetrievalPrompt augment(ResolvedModel model, List<ChatMessage> messages, int context, UUID reader) {
        List<io.tributary.training.retrieval.RetrievedRecord> found;
        try {
            found = retrieval.retrieve(
                    model.runId(), RetrievalPrompt.question(messages), model.retrievalTopK(), reader);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retrieval failed for " + model.id(), e);
            throw new InferenceRefused(
                    503,
                    "server_error",
                    null,
                    null,
                    "The model's record retrieval is not available right now; nothing was charged. Try again.",
                    null);
        }
        return RetrievalPrompt.fitting(
                messages,
                found,
                prompt -> runtime.tokens(model.base(), prompt).length < context - RetrievalPrompt.MIN_ANSWER_ROOM);
    }

    /** Generates a prepared request's answer, streaming it, then records and charges it; frees its place. */
    public Answer run(Actor actor, Ticket ticket, AnswerStream stream) {
        try (ServingRuntime.Admission ignored = ticket.admission) {
            return generate(
                    actor,
                    ticket.request,
                    ticket.model,
                    ticket.texts,
                    ticket.promptLengths,
                    ticket.limits,
                    ticket.receipt,
                    ticket.reservation,
                    ticket.retrieved,
                    stream);
        } catch (RuntimeException e) {
            if (ticket.reservation != null) {
                try {
                    metering.release(ticket.reservation);
                } catch (RuntimeException release) {
                    e.addSuppressed(release);
                }
            }
            throw e;
        }
    }

    private Answer generate(
            Actor actor,
            InferenceRequest request,
            ResolvedModel model,
            List<String> texts,
            int[] promptLengths,
            int[] limits,
            UUID receipt,
            UUID reservation,
            List<UUID> retrieved,
            AnswerStream stream) {
        int n = request.choicesPerPrompt();
        int choices = texts.size() * n;
        Instant created = Instant.now();
        long start = System.nanoTime();
        AtomicLong firstToken = new AtomicLong();
        AtomicIntegerArray counts = new AtomicIntegerArray(choices);
        StringBuilder[] streamed = new StringBuilder[choices];
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        List<CompletableFuture<Generation>> futures = new ArrayList<>();
        String id = (request.chat() ? "chatcmpl-" : "cmpl-") + receipt;
        // Penalties the request leaves out are the base's recommended ones (its generation_config.json), as vLLM does;
        // temperature and top_p keep OpenAI's defaults.
        GenerationConfig recommended = runtime.recommendedDecoding(model.base());
        for (int p = 0; p < texts.size(); p++) {
            for (int j = 0; j < n; j++) {
                int index = p * n + j;
                streamed[index] = new StringBuilder();
                GenerationConfig.Builder config = request.penalties()
                        .applyTo(GenerationConfig.builder(), recommended)
                        .maxNewTokens(limits[p])
                        .temperature(request.temperature() == null ? 1.0 : request.temperature())
                        .topP(request.topP() == null ? 1.0 : request.topP())
                        .topK(0)
                        .stopSequences(request.stop())
                        .stopAtEndOfText(true);
                if (request.seed() != null) config.seed(request.seed() + index);
                CompletableFuture<Generation> future =
                        runtime.submit(model.base(), model.runId(), texts.get(p), config.build(), (token, text) -> {
                            if (token >= 0) {
                                counts.incrementAndGet(index);
                                firstToken.compareAndSet(0, System.nanoTime());
                            }
                            if (!text.isEmpty()) events.add(new Event(index, text, false));
                        });
                future.whenComplete((g, e) -> events.add(new Event(index, null, true)));
                futures.add(future);
            }
        }
        UsageStatus status = UsageStatus.COMPLETED;
        Throwable failure = null;
        long deadline = start + TimeUnit.SECONDS.toNanos(Long.parseLong(Settings.SERVING_TIMEOUT_SECONDS.value()));
        try {
            stream.start(id, model.id(), created);
            int finished = 0;
            while (finished < choices) {
                Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    status = UsageStatus.CANCELLED;
                    break;
                }
                if (!e.done()) {
                    streamed[e.choice()].append(e.text());
                    stream.piece(e.choice(), e.text());
                    continue;
                }
                finished++;
                CompletableFuture<Generation> f = futures.get(e.choice());
                if (!f.isCompletedExceptionally()) {
                    stream.finish(e.choice(), finishReason(f.join()));
                } else if (failure == null && !f.isCancelled()) {
                    failure = cause(f);
                }
            }
        } catch (IOException gone) {
            status = UsageStatus.CANCELLED;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            status = UsageStatus.CANCELLED;
        } finally {
            futures.forEach(f -> f.cancel(false));
        }
        if (failure != null) {
            status = UsageStatus.FAILED;
            LOG.log(Level.WARNING, "Generation failed for " + model.id(), failure);
        }
        List<Answer.Choice> answers = new ArrayList<>();
        int completionTokens = 0;
        Long seed = null;
        for (int i = 0; i < choices; i++) {
            CompletableFuture<Generation> f = futures.get(i);
            Generation g = f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
            if (g != null) {
                completionTokens += g.tokens().length;
                answers.add(new Answer.Choice(i, g.text(), finishReason(g)));
                if (seed == null) seed = g.seed();
            } else {
                completionTokens += counts.get(i);
                answers.add(new Answer.Choice(i, streamed[i].toString(), "length"));
            }
        }
        int promptTokens = 0;
        for (int p = 0; p < texts.size(); p++) promptTokens += promptLengths[p];
        long end = System.nanoTime();
        long first = firstToken.get();
        BigInteger charge = metering.record(
                actor,
                new Metering.Served(
                        receipt,
                        reservation,
                        model,
                        String.join("\n", texts),
                        answers.get(0).text(),
                        promptTokens,
                        completionTokens,
                        (int) TimeUnit.NANOSECONDS.toMillis(end - start),
                        first == 0 ? null : (int) TimeUnit.NANOSECONDS.toMillis(first - start),
                        status,
                        request.sharePrompt(),
                        retrieved));
        if (status == UsageStatus.COMPLETED) {
            metrics.served(
                    model.id(),
                    actor.tenantId(),
                    promptTokens,
                    completionTokens,
                    first == 0 ? null : java.time.Duration.ofNanos(first - start),
                    java.time.Duration.ofNanos(end - start));
        } else {
            metrics.refused(model.id(), actor.tenantId(), status.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (status == UsageStatus.FAILED) {
            throw new InferenceRefused(
                    500, "server_error", null, null, "The model failed to answer; nothing was charged.", null);
        }
        return new Answer(
                id, model.id(), created, answers, promptTokens, completionTokens, charge, seed, status.name());
    }

    private static String finishReason(Generation g) {
        return switch (g.stopReason()) {
            case END_OF_TEXT, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS, CONTEXT_FULL -> "length";
        };
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.get();
            return null;
        } catch (CancellationException e) {
            return null;
        } catch (ExecutionException | CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
