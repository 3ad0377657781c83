package io.tributary.application.attribution;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks {@link ReceiptBatches} to seal waiting receipts every 10 seconds, once the schema is migrated; a failed tick
 * is logged and the next one tries again (nothing is lost: unsealed receipts stay waiting).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReceiptSealer {

    private static final Logger LOG = Logger.getLogger(ReceiptSealer.class.getName());

    private final AtomicBoolean sealing = new AtomicBoolean();

    @EJB
    ReceiptBatches batches;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void tick() {
        if (!sealing.compareAndSet(false, true)) return;
        try {
            batches.seal();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sealing receipts failed; the next tick tries again", e);
        } finally {
            sealing.set(false);
        }
    }
}
