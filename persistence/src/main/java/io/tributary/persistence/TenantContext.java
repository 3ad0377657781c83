package io.tributary.persistence;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tenant the current thread acts for; Hibernate's {@code @TenantId} filter reads it on every query and insert.
 *
 * <p>Unset means "no tenant": tenant-owned queries then match nothing, so forgetting to set it fails closed. Platform
 * staff work across tenants only inside {@link #asPlatform(Supplier)}. A persistence session keeps the tenant it was
 * opened with, so switching tenants takes effect only in a new transaction (a service call that starts one).
 */
public final class TenantContext {

    /** The id Hibernate treats as root: its queries are not filtered by tenant. */
    public static final UUID PLATFORM = new UUID(0, 0);

    /** Matches no tenant row, used when nothing was set. */
    static final UUID NONE = new UUID(0, 1);

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    /** The tenant set for this thread, if any (never {@link #PLATFORM}). */
    public static Optional<UUID> tenant() {
        UUID id = CURRENT.get();
        return id == null || PLATFORM.equals(id) ? Optional.empty() : Optional.of(id);
    }

    static UUID resolved() {
        UUID id = CURRENT.get();
        return id == null ? NONE : id;
    }

    /** Binds the thread to a tenant until {@link #clear()}; request filters use this. */
    public static void set(UUID tenantId) {
        CURRENT.set(tenantId);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** Runs work for one tenant, restoring whatever was bound before. */
    public static <T> T as(UUID tenantId, Supplier<T> work) {
        UUID previous = CURRENT.get();
        CURRENT.set(tenantId);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Runs work across all tenants; only platform services call this. */
    public static <T> T asPlatform(Supplier<T> work) {
        return as(PLATFORM, work);
    }
}
