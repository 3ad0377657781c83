package io.tributary.application.rewards;

import io.tributary.application.Settings;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The steps of a payout at which the fault tests kill the server ({@code kill -9}) to prove that every member is still
 * paid exactly once. Armed only by the {@code tributary.fault.pause-at} setting: the sender then stops dead at that
 * step, logging a line the test waits for, and never continues. Unset in every real deployment.
 */
public enum CrashPoint {
    /** The batch, its pending transfer and its outbox row are committed; nothing is signed. */
    AFTER_COMMIT,
    /** The signed bytes and hash are committed; nothing is broadcast. */
    AFTER_SIGN,
    /** The node accepted the bytes; the database does not know yet. */
    AFTER_BROADCAST,
    /** The transaction is broadcast and known to be; its receipt is not read yet. */
    BEFORE_RECEIPT;

    private static final Logger LOG = Logger.getLogger(CrashPoint.class.getName());

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Blocks this thread forever when the fault test armed this point. */
    public void pauseIfArmed() {
        if (!key().equals(Settings.FAULT_PAUSE_AT.value())) return;
        LOG.warning("FAULT POINT " + key() + " reached: the payout sender stops here until the server is killed");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // Keep waiting: the test kills the process, nothing else may let the step continue.
            }
        }
    }
}
