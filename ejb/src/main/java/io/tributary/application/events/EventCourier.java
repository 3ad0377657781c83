package io.tributary.application.events;

import io.tributary.persistence.TenantContext;
import io.tributary.persistence.events.DueDelivery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers outbox events to their observers, on every node, on the server's managed executors: at once after each
 * publishing transaction commits, and in a sweep every {@value #SWEEP_SECONDS} seconds that picks up whatever a crash,
 * a restart or a back-off left due. Which node delivers is decided in the database ({@code SKIP LOCKED}); the flags
 * here only keep one drain per node running, and losing them loses nothing.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventCourier {

    private static final Logger LOG = Logger.getLogger(EventCourier.class.getName());
    static final int SWEEP_SECONDS = 5;
    static final int BATCH = 20;
    /** Batches per drain before yielding to the next sweep, so one drain cannot run forever. */
    static final int MAX_BATCHES = 50;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @EJB
    DeliveryAttempt attempts;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private ScheduledFuture<?> sweep;

    @PostConstruct
    void start() {
        sweep = scheduler.scheduleWithFixedDelay(this::drain, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) sweep.cancel(false);
    }

    /** After a publishing (or retrying) transaction commits: deliver now rather than at the next sweep. */
    public void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsCommitted signal) {
        try {
            executor.execute(this::drain);
        } catch (RuntimeException e) {
            // Rejected while the server stops or is saturated: the sweep delivers it.
            LOG.fine("Immediate delivery not started: " + e);
        }
    }

    /** Delivers everything due; a drain asked for while one runs makes that one go round again. */
    void drain() {
        while (draining.compareAndSet(false, true)) {
            try {
                do {
                    again.set(false);
                    deliverDue();
                } while (again.get());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Event delivery stopped; the next sweep resumes it", e);
            } finally {
                draining.set(false);
            }
            if (!again.get()) return;
        }
        again.set(true);
    }

    /** Works through due deliveries batch by batch until none is due, or none of a batch was ours to deliver. */
    void deliverDue() {
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<DueDelivery> due = attempts.due(BATCH);
            int attempted = 0;
            for (DueDelivery delivery : due) {
                if (attempt(delivery)) attempted++;
            }
            if (due.size() < BATCH || attempted == 0) return;
        }
    }

    /** One attempt, in the event's tenant; true when this node attempted it (delivered or failed). */
    boolean attempt(DueDelivery delivery) {
        try {
            return TenantContext.as(
                    delivery.tenantId() == null ? TenantContext.PLATFORM : delivery.tenantId(),
                    () -> attempts.deliver(delivery.id()));
        } catch (RuntimeException e) {
            String error = describe(e);
            LOG.info(() -> "Delivery " + delivery.id() + " failed, will retry: " + error);
            attempts.failed(delivery.id(), error);
            return true;
        }
    }

    /** The failure as staff should read it: the observer's exception, without the container's wrappers. */
    static String describe(Throwable failure) {
        Throwable shown = failure;
        while (shown.getCause() != null && (shown instanceof EJBException || shown.getMessage() == null)) {
            shown = shown.getCause();
        }
        StringBuilder text = new StringBuilder(shown.getClass().getSimpleName());
        if (shown.getMessage() != null) text.append(": ").append(shown.getMessage());
        Throwable root = shown;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root != shown) {
            text.append(" (cause: ").append(root.getClass().getSimpleName());
            if (root.getMessage() != null) text.append(": ").append(root.getMessage());
            text.append(')');
        }
        return text.toString();
    }
}
