package io.tributary.application.rewards;

import io.tributary.application.Actor;
import io.tributary.application.Settings;
import io.tributary.chain.ChainRequestException;
import io.tributary.chain.ChainUnavailableException;
import io.tributary.persistence.rewards.custody.TransactionStatus;
import io.tributary.persistence.tenancy.Role;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background side of custody, every two seconds on each server: for every wallet this node holds the sender lease
 * of, it moves outbox transactions along, credits confirmed deposits and, every half minute, reconciles. In a
 * cluster the lease (a row in the database) keeps each wallet to one sender. (Release roots are anchored when their
 * ReleasePublished event is delivered, not here.)
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChainWorker {

    private static final Logger LOG = Logger.getLogger(ChainWorker.class.getName());
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int STEPS_PER_TICK = 50;
    private static final long RECONCILE_EVERY_TICKS = 15;

    private static final Actor SCHEDULER = new Actor(null, null, "scheduler", Set.of(Role.PLATFORM_ADMIN));

    // WildFly requires unique node names in a cluster; a restarted node reclaims its own leases at once.
    private final String node = System.getProperty("jboss.node.name", "node");
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong ticks = new AtomicLong();

    @Inject
    SettlementChain chain;

    @EJB
    ChainWork work;

    @EJB
    WalletSender sender;

    @EJB
    DepositWatcher deposits;

    @EJB
    Reconciliation reconciliation;

    @EJB
    PayoutService payouts;

    @EJB
    Settlements settlements;

    private final AtomicLong lastSettled = new AtomicLong(System.nanoTime());

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void tick() {
        if (!chain.isConfigured() || !running.compareAndSet(false, true)) return;
        try {
            boolean reconcile = ticks.incrementAndGet() % RECONCILE_EVERY_TICKS == 0;
            for (UUID walletId : work.wallets()) {
                if (work.lease(walletId, node, LEASE)) {
                    serve(walletId, reconcile);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Wallet work failed; retrying at the next tick", e);
        } finally {
            running.set(false);
        }
    }

    /** Once a day, the scheduled payout runs of organizations that enabled them. */
    @Schedule(hour = "3", minute = "0", second = "0", persistent = false)
    void scheduledPayouts() {
        if (chain.isConfigured()) {
            payouts.runSchedule(SCHEDULER);
        }
    }

    /**
     * Every few minutes (the configured interval; 0 turns it off), cross-organization value is netted and its transfers
     * queued in the debtors' outboxes; the senders above send them. Several servers may get here: the planning is
     * claimed in the database, so only one plans at a time and none plans what another already did.
     */
    @Schedule(hour = "*", minute = "*", second = "30", persistent = false)
    void settle() {
        long every = Long.parseLong(Settings.SETTLEMENT_EVERY_MINUTES.value());
        if (!chain.isConfigured() || every <= 0) return;
        long now = System.nanoTime();
        long last = lastSettled.get();
        if (now - last < Duration.ofMinutes(every).toNanos() || !lastSettled.compareAndSet(last, now)) return;
        try {
            int planned = settlements.settle(SCHEDULER).size();
            if (planned > 0) LOG.info("Queued " + planned + " cross-organization settlement transfer(s)");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Settlement planning failed; retrying at the next interval", e);
        }
    }

    /** Everything one wallet needs now: sending, deposits, and (sometimes) reconciliation. */
    private void serve(UUID walletId, boolean reconcile) {
        try {
            send(walletId);
            boolean caughtUp = deposits.scan(walletId);
            if (reconcile && caughtUp) {
                List<String> findings = reconciliation.reconcile(walletId);
                if (!findings.isEmpty()) {
                    LOG.warning("Wallet " + walletId + " frozen by reconciliation: " + findings);
                }
            }
        } catch (ChainUnavailableException | ChainRequestException e) {
            LOG.fine("Chain not reachable for wallet " + walletId + ": " + e.getMessage());
        }
    }

    private void send(UUID walletId) {
        int steps = 0;
        for (WalletSender.Outgoing transaction : sender.openTransactions(walletId)) {
            UUID transactionId = transaction.id();
            TransactionStatus before = transaction.status();
            boolean payout = transaction.payout();
            while (!before.isFinal() && steps++ < STEPS_PER_TICK) {
                if (payout && before == TransactionStatus.QUEUED) {
                    CrashPoint.AFTER_COMMIT.pauseIfArmed();
                }
                if (payout && before == TransactionStatus.BROADCAST) {
                    CrashPoint.BEFORE_RECEIPT.pauseIfArmed();
                }
                TransactionStatus after = sender.step(transactionId);
                if (payout && after == TransactionStatus.SIGNED && before == TransactionStatus.QUEUED) {
                    CrashPoint.AFTER_SIGN.pauseIfArmed();
                }
                if (after == before) {
                    // Waiting (pending in the pool, not deep enough, or retrying later): keep the nonce order.
                    if (after != TransactionStatus.BROADCAST && after != TransactionStatus.MINED) return;
                    break;
                }
                before = after;
            }
        }
    }
}
