package io.tributary.application.factory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trains queued runs on this node, every two seconds: recovers runs whose node died (no heartbeat for a minute; at
 * start, this node's own), then claims queued runs while it has free slots and trains each on the server's
 * {@link ManagedExecutorService}. Claims lock rows with {@code FOR UPDATE SKIP LOCKED}, so nodes of a cluster share
 * the queue without training a run twice.
 */
@Singleton
@Startup
@DependsOn("BaseRegistry")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrainingWorker {

    private static final Logger LOG = Logger.getLogger(TrainingWorker.class.getName());
    private static final Duration STALE = Duration.ofSeconds(60);

    private final String node = System.getProperty("jboss.node.name", "node");
    private final int slots = Integer.getInteger("tributary.factory.slots", 2);
    private final Map<UUID, TrainingExecution> active = new ConcurrentHashMap<>();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile boolean stopping;

    @Resource
    ManagedExecutorService executor;

    @EJB
    TrainingQueue queue;

    @Inject
    ReleaseData releaseData;

    @Inject
    Throughput throughput;

    @PostConstruct
    void recoverOwn() {
        try {
            List<UUID> requeued = queue.recover(node, Instant.now().minus(STALE), true);
            if (!requeued.isEmpty()) {
                LOG.info("Resuming training runs interrupted on this node: " + requeued);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not recover interrupted training runs; retrying at the next tick", e);
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void tick() {
        if (stopping || !ticking.compareAndSet(false, true)) return;
        try {
            queue.heartbeat(List.copyOf(active.keySet()), node);
            queue.recover(node, Instant.now().minus(STALE), false);
            while (active.size() < slots) {
                Optional<UUID[]> claimed = queue.claim(node);
                if (claimed.isEmpty()) break;
                UUID id = claimed.get()[0];
                TrainingExecution execution =
                        new TrainingExecution(id, claimed.get()[1], queue, releaseData, throughput);
                active.put(id, execution);
                executor.submit(() -> {
                    try {
                        execution.run();
                    } finally {
                        active.remove(id);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Training queue work failed; retrying at the next tick", e);
        } finally {
            ticking.set(false);
        }
    }

    /** On shutdown, runs stop after their step and stay RUNNING: the next start resumes them from their checkpoint. */
    @PreDestroy
    void stop() {
        stopping = true;
        active.values().forEach(TrainingExecution::stop);
    }
}
