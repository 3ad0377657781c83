package io.tributary.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts each caller's writes in a fixed window kept in PostgreSQL, so that every node of a cluster shares the count:
 * one upsert per write, no lock held beyond it.
 */
@Stateless
public class RateLimits {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    /** The configured limit: writes per window. */
    public record Limit(int writes, Duration window) {

        public static Limit configured() {
            return new Limit(
                    Integer.parseInt(Settings.RATE_LIMIT_WRITES.value()),
                    Duration.ofSeconds(Long.parseLong(Settings.RATE_LIMIT_WINDOW_SECONDS.value())));
        }
    }

    /**
     * Counts one write by {@code caller}; empty when it is within the limit, otherwise how long until the window ends.
     * Refused attempts count too, so hammering does not reopen the window early.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Duration> admit(String caller, Limit limit) {
        // A count lost in a crash only forgives a few writes: the commit need not wait for the disk.
        em.createNativeQuery("set local synchronous_commit = off").executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("""
                        insert into rate_limit_window as w (caller, window_start, hits) values (?1, now(), 1)
                        on conflict (caller) do update set
                            window_start = case when w.window_start <= now() - ?2 * interval '1 second'
                                then now() else w.window_start end,
                            hits = case when w.window_start <= now() - ?2 * interval '1 second'
                                then 1 else w.hits + 1 end
                        returning w.hits,
                            ceil(extract(epoch from (w.window_start + ?2 * interval '1 second' - now())))
                        """)
                .setParameter(1, caller)
                .setParameter(2, limit.window().toSeconds())
                .getSingleResult();
        int hits = ((Number) row[0]).intValue();
        if (hits <= limit.writes()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, ((Number) row[1]).longValue());
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
