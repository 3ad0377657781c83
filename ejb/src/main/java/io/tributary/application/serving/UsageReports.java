package io.tributary.application.serving;

import io.tributary.application.Actor;
import io.tributary.application.CsvDocument;
import io.tributary.application.rewards.Trib;
import io.tributary.application.serving.ServingViews.ModelUseView;
import io.tributary.application.serving.ServingViews.UsageView;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Serving usage summed up for people: the model owner's (per model and per day: requests, tokens, revenue) and the
 * caller's (per API key or member: requests, tokens, spend), and both as CSV. Reads the usage records through
 * {@link Metering}, which decides who may see what.
 */
@Stateless
public class UsageReports {

    /** The most records one summary reads; beyond that the summary says it is partial. */
    static final int MAX_RECORDS = 20_000;

    @Inject
    Metering metering;

    /**
     * One group of requests.
     *
     * @param key the model, the day ({@code 2026-12-06}, UTC) or the caller
     * @param requests answered and failed requests
     * @param promptTokens prompt tokens
     * @param completionTokens completion tokens
     * @param amount revenue (owner) or spend (caller), in TRIB base units
     */
    public record Total(String key, long requests, long promptTokens, long completionTokens, BigInteger amount) {
        public long tokens() {
            return promptTokens + completionTokens;
        }

        Total plus(int prompt, int completion, BigInteger charge) {
            return new Total(
                    key,
                    requests + 1,
                    promptTokens + prompt,
                    completionTokens + completion,
                    amount.add(charge == null ? BigInteger.ZERO : charge));
        }
    }

    /**
     * A summary: totals by group, by day (oldest first), and whether it stopped at {@link #MAX_RECORDS}.
     *
     * @param groups per model (owner) or per caller (caller), largest amount first
     * @param days per UTC day, oldest first
     * @param total everything together
     * @param partial true when more records exist than were read
     */
    public record Summary(List<Total> groups, List<Total> days, Total total, boolean partial) {}

    /** Requests to the organization's models from every caller (model builders and org admins). */
    public Summary ownerSummary(Actor actor) {
        List<ModelUseView> uses = all(p -> metering.useOfOurModels(actor, p));
        return summarize(
                uses,
                ModelUseView::model,
                u -> day(u.createdAt()),
                (t, u) -> t.plus(u.promptTokens(), u.completionTokens(), u.charge()));
    }

    /** The calling organization's requests, by API key or member. */
    public Summary callerSummary(Actor actor) {
        List<UsageView> uses = all(p -> metering.usage(actor, p));
        return summarize(
                uses,
                UsageView::caller,
                u -> day(u.createdAt()),
                (t, u) -> t.plus(u.promptTokens(), u.completionTokens(), u.charge()));
    }

    /** The owner's records as CSV, newest first. */
    public String ownerCsv(Actor actor) {
        CsvDocument csv = new CsvDocument(
                "time",
                "model",
                "version_id",
                "prompt_tokens",
                "completion_tokens",
                "latency_ms",
                "time_to_first_token_ms",
                "status",
                "revenue_trib");
        for (ModelUseView u : all(p -> metering.useOfOurModels(actor, p))) {
            csv.row(
                    u.createdAt(),
                    u.model(),
                    u.versionId(),
                    u.promptTokens(),
                    u.completionTokens(),
                    u.latencyMs(),
                    u.timeToFirstTokenMs(),
                    u.status(),
                    trib(u.charge()));
        }
        return csv.toString();
    }

    /** The caller's records as CSV, newest first. */
    public String callerCsv(Actor actor) {
        CsvDocument csv = new CsvDocument(
                "time",
                "caller",
                "model",
                "prompt_tokens",
                "completion_tokens",
                "latency_ms",
                "time_to_first_token_ms",
                "status",
                "spend_trib");
        for (UsageView u : all(p -> metering.usage(actor, p))) {
            csv.row(
                    u.createdAt(),
                    u.caller(),
                    u.model(),
                    u.promptTokens(),
                    u.completionTokens(),
                    u.latencyMs(),
                    u.timeToFirstTokenMs(),
                    u.status(),
                    trib(u.charge()));
        }
        return csv.toString();
    }

    private static <T> Summary summarize(
            List<T> uses, Function<T, String> group, Function<T, String> day, BiFunction<Total, T, Total> add) {
        Map<String, Total> groups = new TreeMap<>();
        Map<String, Total> days = new TreeMap<>();
        Total total = empty("total");
        for (T u : uses) {
            groups.merge(group.apply(u), add.apply(empty(group.apply(u)), u), UsageReports::sum);
            days.merge(day.apply(u), add.apply(empty(day.apply(u)), u), UsageReports::sum);
            total = add.apply(total, u);
        }
        List<Total> byGroup = new ArrayList<>(groups.values());
        byGroup.sort((a, b) -> b.amount().compareTo(a.amount()) != 0
                ? b.amount().compareTo(a.amount())
                : Long.compare(b.requests(), a.requests()));
        return new Summary(byGroup, new ArrayList<>(days.values()), total, uses.size() >= MAX_RECORDS);
    }

    private static Total empty(String key) {
        return new Total(key, 0, 0, 0, BigInteger.ZERO);
    }

    private static Total sum(Total a, Total b) {
        return new Total(
                a.key(),
                a.requests() + b.requests(),
                a.promptTokens() + b.promptTokens(),
                a.completionTokens() + b.completionTokens(),
                a.amount().add(b.amount()));
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> pages) {
        List<T> items = new ArrayList<>();
        PageRequest request = new PageRequest(1, PageRequest.MAX_SIZE);
        while (items.size() < MAX_RECORDS) {
            Page<T> page = pages.apply(request);
            items.addAll(page.items());
            if (!page.hasNext() || page.items().isEmpty()) {
                break;
            }
            request = new PageRequest(request.page() + 1, request.size());
        }
        return items;
    }

    private static String day(java.time.Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static String trib(BigInteger units) {
        return units == null
                ? "0"
                : new BigDecimal(units)
                        .movePointLeft(Trib.DECIMALS)
                        .stripTrailingZeros()
                        .toPlainString();
    }
}
