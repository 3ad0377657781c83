package io.tributary.application.serving;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.InputCheck;
import io.tributary.application.Settings;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.events.DomainEvents;
import io.tributary.application.rewards.PrepaidCredits;
import io.tributary.application.rewards.Trib;
import io.tributary.application.serving.ServingViews.LimitsView;
import io.tributary.application.serving.ServingViews.ModelUseView;
import io.tributary.application.serving.ServingViews.UsageView;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.serving.RateWindow;
import io.tributary.persistence.serving.ServingLimits;
import io.tributary.persistence.serving.ServingRepository;
import io.tributary.persistence.serving.UsageRecord;
import io.tributary.persistence.serving.UsageStatus;
import io.tributary.persistence.tenancy.Role;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serving's accounting in PostgreSQL, shared by every node: the per-minute windows and monthly quota checked before a
 * request runs, the credit reserved for its worst case, and after it ran, in one transaction, the usage record, the
 * ledger charge and {@link InferenceServed}. Staff set each organization's limits; organizations read their usage.
 */
@Stateless
public class Metering {

    @Inject
    ServingRepository repository;

    @Inject
    PrepaidCredits credits;

    @Inject
    DomainEvents events;

    @Inject
    AuditLog audit;

    @Resource
    SessionContext context;

    private static final Logger LOG = Logger.getLogger(Metering.class.getName());

    /** What the gate decided: the organization's limits, and the refusal if any. */
    public record Gate(LimitsView limits, InferenceRefused refusal) {}

    /**
     * Counts the request in its organization's window and checks the per-minute and monthly limits against its worst
     * case. Commits on its own even when it refuses, so that refused requests count too.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Gate admit(UUID tenantId, long worstCaseTokens) {
        LimitsView limits = limitsOf(tenantId);
        RateWindow window = repository.countRequest(tenantId);
        Duration wait = Duration.ofMillis(window.millisLeft());
        if (window.requests() > limits.requestsPerMinute()) {
            return new Gate(
                    limits,
                    InferenceRefused.rateLimited(
                            "Rate limit reached: your organization may send " + limits.requestsPerMinute()
                                    + " requests per minute. Retry in " + seconds(wait) + " s.",
                            wait));
        }
        if (window.tokens() >= limits.tokensPerMinute()) {
            return new Gate(
                    limits,
                    InferenceRefused.rateLimited(
                            "Rate limit reached: your organization may use " + limits.tokensPerMinute()
                                    + " tokens per minute. Retry in " + seconds(wait) + " s.",
                            wait));
        }
        if (limits.tokensThisMonth() + worstCaseTokens > limits.monthlyTokenQuota()) {
            return new Gate(
                    limits,
                    InferenceRefused.quotaSpent("Your organization has used " + limits.tokensThisMonth() + " of its "
                            + limits.monthlyTokenQuota() + " tokens this month and this request may need up to "
                            + worstCaseTokens + "; ask platform staff to raise the quota, or lower max_tokens."));
        }
        return new Gate(limits, null);
    }

    /**
     * Reserves the request's worst-case price on the caller's prepaid credits; refuses with 402 when they cannot cover
     * it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reserve(UUID reservationId, UUID callerTenant, ResolvedModel model, long worstCaseTokens) {
        BigInteger amount = Pricing.charge(model.pricePer1kTokens(), worstCaseTokens);
        try {
            credits.reserve(reservationId, callerTenant, model.ownerTenantId(), amount, "inference:" + reservationId);
        } catch (PrepaidCredits.CreditShortfall e) {
            throw InferenceRefused.insufficientCredit(
                    "Your organization's prepaid credits (" + Trib.format(e.available())
                            + " " + Trib.CURRENCY + " available) cannot cover this request: up to " + worstCaseTokens
                            + " tokens at "
                            + model.pricePer1kTokens().stripTrailingZeros().toPlainString() + " "
                            + Trib.CURRENCY + " per 1,000 tokens may cost " + Trib.format(amount) + " " + Trib.CURRENCY
                            + ". An org admin tops up the credits from the treasury (POST /api/serving/credits); or lower"
                            + " max_tokens.");
        }
    }

    /**
     * Every minute: a reservation older than any request may run (the serving timeout and five minutes) belongs to a
     * request whose node went down before recording it; its credit is released, each in its own transaction.
     */
    @Schedule(hour = "*", minute = "*", second = "20", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void releaseAbandonedReservations() {
        Metering self = context.getBusinessObject(Metering.class);
        for (UUID reservation : self.abandonedReservations(Instant.now())) {
            try {
                self.release(reservation);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Reservation " + reservation + " could not be released; retrying", e);
            }
        }
    }

    /** Reservations still pending that no running request can own any more at {@code now}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<UUID> abandonedReservations(Instant now) {
        long seconds = Long.parseLong(Settings.SERVING_TIMEOUT_SECONDS.value()) + 300;
        return credits.reservedBefore(now.minusSeconds(seconds));
    }

    /** Releases a reservation whose request failed before it could be recorded. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(UUID reservationId) {
        credits.release(reservationId);
    }

    /** What was served, to record and charge in one transaction. */
    public record Served(
            UUID receiptId,
            UUID reservationId,
            ResolvedModel model,
            String prompt,
            String completion,
            int promptTokens,
            int completionTokens,
            int latencyMs,
            Integer timeToFirstTokenMs,
            UsageStatus status,
            boolean sharePrompt,
            List<UUID> retrievedRecordIds) {

        public Served {
            // PostgreSQL's text and jsonb cannot hold U+0000: a prompt or answer carrying it (typed by a caller or
            // generated by a model) would fail the record after the answer was streamed, leaving the call unpaid.
            prompt = storable(prompt);
            completion = storable(completion);
        }

        private static String storable(String text) {
            return text == null ? null : text.replace('\u0000', '\ufffd');
        }
    }

    /**
     * Writes the usage record, releases the reservation, charges the caller's credits into the owner's holding
     * account and publishes {@link InferenceServed}, all or nothing. Returns the charge in base units.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public BigInteger record(Actor actor, Served s) {
        UUID tenant = actor.requireTenant();
        if (s.reservationId() != null) {
            credits.release(s.reservationId());
        }
        ResolvedModel model = s.model();
        long tokens = (long) s.promptTokens() + s.completionTokens();
        BigInteger charge = s.status() == UsageStatus.FAILED || model.isFree()
                ? BigInteger.ZERO
                : Pricing.charge(model.pricePer1kTokens(), tokens);
        UUID holding = model.isBase()
                ? null
                : credits.charge(s.receiptId(), tenant, model.ownerTenantId(), charge, "inference:" + s.receiptId());
        Instant now = Instant.now();
        repository.add(new UsageRecord(
                s.receiptId(),
                actor.keyId(),
                actor.memberId(),
                actor.name(),
                model.id(),
                model.versionId(),
                model.ownerTenantId(),
                s.promptTokens(),
                s.completionTokens(),
                s.latencyMs(),
                s.timeToFirstTokenMs(),
                s.status(),
                charge,
                now));
        repository.countTokens(tenant, tokens);
        if (!model.isBase() && s.status() != UsageStatus.FAILED) {
            events.publish(new InferenceServed(
                    tenant,
                    s.receiptId(),
                    model.versionId(),
                    model.ownerTenantId(),
                    s.prompt(),
                    s.completion(),
                    s.promptTokens(),
                    s.completionTokens(),
                    charge,
                    Trib.CURRENCY,
                    holding,
                    s.sharePrompt(),
                    now,
                    s.retrievedRecordIds()));
        }
        return charge;
    }

    /** Whether a call of this model version was recorded, by any organization (and so charged at its split). */
    public boolean answered(UUID modelVersionId) {
        return repository.answered(modelVersionId);
    }

    /** The caller's organization's usage, newest first. */
    public Page<UsageView> usage(Actor actor, PageRequest page) {
        actor.requireTenant();
        return repository.usage(page).map(UsageView::of);
    }

    /** Requests to the caller's organization's models from every caller, newest first (callers not shown). */
    public Page<ModelUseView> useOfOurModels(Actor actor, PageRequest page) {
        UUID tenant = actor.requireTenant();
        if (!actor.has(Role.ORG_ADMIN) && !actor.has(Role.MODEL_BUILDER)) {
            throw new AccessDenied("This needs the model-builder or org-admin role.");
        }
        return repository.useOfModelsOwnedBy(tenant, page).map(ModelUseView::of);
    }

    /** The caller's organization's limits and this month's use. */
    public LimitsView myLimits(Actor actor) {
        return limitsOf(actor.requireTenant());
    }

    /** Staff: an organization's limits. */
    public LimitsView limits(Actor staff, UUID tenantId) {
        requireStaff(staff);
        return limitsOf(tenantId);
    }

    /** Staff: sets an organization's requests and tokens per minute, monthly tokens and queue bound. */
    public LimitsView setLimits(
            Actor staff,
            UUID tenantId,
            int requestsPerMinute,
            int tokensPerMinute,
            long monthlyTokens,
            int queueBound) {
        requireStaff(staff);
        InputCheck check = new InputCheck();
        if (requestsPerMinute < 0) check.fail("requestsPerMinute", "Requests per minute cannot be negative.");
        if (tokensPerMinute < 0) check.fail("tokensPerMinute", "Tokens per minute cannot be negative.");
        if (monthlyTokens < 0) check.fail("monthlyTokenQuota", "The monthly quota cannot be negative.");
        if (queueBound < 0 || queueBound > 10_000) check.fail("queueBound", "Between 0 and 10,000 requests.");
        check.done();
        ServingLimits limits = repository.limits(tenantId).orElseGet(() -> {
            ServingLimits fresh = new ServingLimits(tenantId);
            repository.add(fresh);
            return fresh;
        });
        limits.change(requestsPerMinute, tokensPerMinute, monthlyTokens, queueBound, staff.name());
        audit.changed(
                staff,
                tenantId,
                "serving.limits.set",
                tenantId.toString(),
                requestsPerMinute + " requests/min, " + tokensPerMinute + " tokens/min, " + monthlyTokens
                        + " tokens/month, queue " + queueBound);
        return limitsOf(tenantId);
    }

    private static long seconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isPlatformAdmin()) {
            throw new AccessDenied("Serving limits are set by platform staff.");
        }
    }

    LimitsView limitsOf(UUID tenantId) {
        Instant monthStart =
                LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return LimitsView.of(
                tenantId, repository.limits(tenantId).orElse(null), repository.tokensSince(tenantId, monthStart));
    }
}
