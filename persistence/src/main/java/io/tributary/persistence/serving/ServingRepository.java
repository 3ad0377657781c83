package io.tributary.persistence.serving;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Serving's tables. Versions, names and limits are read across organizations (the service checks who may see what);
 * usage records are filtered by the bound tenant, except the owner's view of its models' use, in native SQL.
 */
@ApplicationScoped
public class ServingRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Object entity) {
        em.persist(entity);
    }

    public Optional<ServedVersion> version(UUID versionId) {
        return Optional.ofNullable(em.find(ServedVersion.class, versionId));
    }

    public Optional<ServedVersion> version(UUID tenantId, String name, int version) {
        return em.createQuery(
                        "select v from ServedVersion v where v.tenantId = :t and v.name = :n and v.version = :v",
                        ServedVersion.class)
                .setParameter("t", tenantId)
                .setParameter("n", name)
                .setParameter("v", version)
                .getResultStream()
                .findFirst();
    }

    public List<ServedVersion> versions(UUID tenantId, String name) {
        return em.createQuery(
                        "select v from ServedVersion v where v.tenantId = :t and v.name = :n order by v.version",
                        ServedVersion.class)
                .setParameter("t", tenantId)
                .setParameter("n", name)
                .getResultList();
    }

    public Optional<ServedModel> model(UUID tenantId, String name) {
        return em.createQuery("select m from ServedModel m where m.tenantId = :t and m.name = :n", ServedModel.class)
                .setParameter("t", tenantId)
                .setParameter("n", name)
                .getResultStream()
                .findFirst();
    }

    /** The organization's own models and every public one, by owner then name. */
    public List<ServedModel> visibleTo(UUID tenantId) {
        return em.createQuery(
                        "select m from ServedModel m where m.tenantId = :t or m.open = true"
                                + " order by m.tenantId, m.name",
                        ServedModel.class)
                .setParameter("t", tenantId)
                .getResultList();
    }

    public List<ServedModel> ownedBy(UUID tenantId) {
        return em.createQuery("select m from ServedModel m where m.tenantId = :t order by m.name", ServedModel.class)
                .setParameter("t", tenantId)
                .getResultList();
    }

    public Optional<ServingLimits> limits(UUID tenantId) {
        return Optional.ofNullable(em.find(ServingLimits.class, tenantId));
    }

    /**
     * Counts one request in the organization's current one-minute window (starting a new window when the last one
     * ended) and returns the window; refused requests count too, so hammering does not reopen it early.
     */
    public RateWindow countRequest(UUID tenantId) {
        Object[] row =
                (Object[]) em.createNativeQuery("""
                        insert into serving_rate_window as w (tenant_id, window_start, requests, tokens)
                        values (?1, now(), 1, 0)
                        on conflict (tenant_id) do update set
                            window_start = case when w.window_start <= now() - interval '1 minute'
                                then now() else w.window_start end,
                            requests = case when w.window_start <= now() - interval '1 minute'
                                then 1 else w.requests + 1 end,
                            tokens = case when w.window_start <= now() - interval '1 minute'
                                then 0 else w.tokens end
                        returning w.requests, w.tokens,
                            ceil(1000 * extract(epoch from (w.window_start + interval '1 minute' - now())))
                        """).setParameter(1, tenantId).getSingleResult();
        return new RateWindow(
                ((Number) row[0]).intValue(),
                ((Number) row[1]).longValue(),
                Math.max(1, ((Number) row[2]).longValue()));
    }

    /** Adds served tokens to the organization's current window. */
    public void countTokens(UUID tenantId, long tokens) {
        em.createNativeQuery("update serving_rate_window set tokens = tokens + ?2 where tenant_id = ?1")
                .setParameter(1, tenantId)
                .setParameter(2, tokens)
                .executeUpdate();
    }

    /** Prompt and completion tokens the organization was served since {@code since}. */
    public long tokensSince(UUID tenantId, Instant since) {
        Number n = (Number) em.createNativeQuery("select coalesce(sum(prompt_tokens + completion_tokens), 0)"
                        + " from serving_usage where tenant_id = ?1 and created_at >= ?2")
                .setParameter(1, tenantId)
                .setParameter(2, since)
                .getSingleResult();
        return n.longValue();
    }

    /** The bound organization's usage records, newest first. */
    public Page<UsageRecord> usage(PageRequest page) {
        return Page.of(
                em.createQuery("select u from UsageRecord u order by u.createdAt desc, u.id", UsageRecord.class),
                em.createQuery("select count(u) from UsageRecord u", Long.class),
                page);
    }

    /** Whether any organization's call of this version was recorded (the records of every tenant). */
    public boolean answered(UUID versionId) {
        return !em.createNativeQuery("select 1 from serving_usage where version_id = ?1 limit 1")
                .setParameter(1, versionId)
                .getResultList()
                .isEmpty();
    }

    public Optional<UsageRecord> usageRecord(UUID id) {
        return em.createQuery("select u from UsageRecord u where u.id = :id", UsageRecord.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    /** Requests to the organization's models from any caller, newest first, without the callers. */
    @SuppressWarnings("unchecked")
    public Page<ModelUse> useOfModelsOwnedBy(UUID ownerTenantId, PageRequest page) {
        List<Object[]> rows = em.createNativeQuery("select id, model, version_id, prompt_tokens, completion_tokens,"
                        + " latency_ms, time_to_first_token_ms, status, charge, created_at from serving_usage"
                        + " where owner_tenant_id = ?1 order by created_at desc, id offset ?2 limit ?3")
                .setParameter(1, ownerTenantId)
                .setParameter(2, page.offset())
                .setParameter(3, page.size())
                .getResultList();
        Number total = (Number) em.createNativeQuery("select count(*) from serving_usage where owner_tenant_id = ?1")
                .setParameter(1, ownerTenantId)
                .getSingleResult();
        List<ModelUse> uses = rows.stream()
                .map(r -> new ModelUse(
                        (UUID) r[0],
                        (String) r[1],
                        (UUID) r[2],
                        ((Number) r[3]).intValue(),
                        ((Number) r[4]).intValue(),
                        ((Number) r[5]).intValue(),
                        r[6] == null ? null : ((Number) r[6]).intValue(),
                        UsageStatus.valueOf((String) r[7]),
                        ((BigDecimal) r[8]).toBigInteger(),
                        instant(r[9])))
                .toList();
        return new Page<>(uses, page, total.longValue());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) return i;
        if (value instanceof OffsetDateTime o) return o.toInstant();
        if (value instanceof Timestamp t) return t.toInstant();
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
