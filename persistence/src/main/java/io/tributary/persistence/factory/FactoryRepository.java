package io.tributary.persistence.factory;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The factory's tables. Jobs, checkpoints and versions are filtered by the current tenant; the queue's claim and
 * recovery run across tenants in native SQL, since the worker serves every organization.
 */
@ApplicationScoped
public class FactoryRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Object entity) {
        em.persist(entity);
    }

    public List<RegisteredBase> bases() {
        return em.createQuery("select b from RegisteredBase b order by b.registeredAt", RegisteredBase.class)
                .getResultList();
    }

    public Optional<RegisteredBase> base(UUID id) {
        return Optional.ofNullable(em.find(RegisteredBase.class, id));
    }

    /**
     * A base with these weights, whoever registered it (the shared one first): the files are stored by SHA-256, so
     * every registration of the same weights has the same folder.
     */
    public Optional<RegisteredBase> baseWithSha256(String sha256) {
        return em.createQuery(
                        "select b from RegisteredBase b where b.sha256 = :s order by b.registeredAt",
                        RegisteredBase.class)
                .setParameter("s", sha256)
                .getResultStream()
                .min(java.util.Comparator.comparing(b -> b.getOwnerTenantId() != null));
    }

    /** The base with these weights registered by this owner (null: shared with everyone). */
    public Optional<RegisteredBase> baseWithSha256(UUID owner, String sha256) {
        return em.createQuery("select b from RegisteredBase b where b.sha256 = :s", RegisteredBase.class)
                .setParameter("s", sha256)
                .getResultStream()
                .filter(b -> java.util.Objects.equals(b.getOwnerTenantId(), owner))
                .findFirst();
    }

    public Optional<FactoryLimits> limits(UUID tenantId) {
        return Optional.ofNullable(em.find(FactoryLimits.class, tenantId));
    }

    public Optional<TrainingJob> job(UUID id) {
        return em.createQuery("select j from TrainingJob j where j.id = :id", TrainingJob.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    /** The job with its row locked until the transaction ends (the worker and a cancel may race). */
    public Optional<TrainingJob> jobForUpdate(UUID id) {
        return em.createQuery("select j from TrainingJob j where j.id = :id", TrainingJob.class)
                .setParameter("id", id)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    public Page<TrainingJob> jobs(PageRequest page) {
        return Page.of(
                em.createQuery("select j from TrainingJob j order by j.queuedAt desc, j.id", TrainingJob.class),
                em.createQuery("select count(j) from TrainingJob j", Long.class),
                page);
    }

    /** How many jobs of the current tenant wait ahead of one queued at {@code queuedAt}. */
    public long aheadInQueue(Instant queuedAt) {
        return em.createQuery("select count(j) from TrainingJob j where j.status = :q and j.queuedAt < :t", Long.class)
                .setParameter("q", JobStatus.QUEUED)
                .setParameter("t", queuedAt)
                .getSingleResult();
    }

    /**
     * Training tokens the tenant has used or reserved since {@code since}: the estimate of every run that is queued,
     * running or completed, and what cancelled or failed runs really trained.
     */
    public long tokensSince(UUID tenantId, Instant since) {
        Number n = (Number)
                em.createNativeQuery("select coalesce(sum(case when status in ('QUEUED', 'RUNNING', 'COMPLETED')"
                                + " then greatest(estimated_tokens, tokens_trained) else tokens_trained end), 0)"
                                + " from factory_run where tenant_id = ?1 and queued_at >= ?2")
                        .setParameter(1, tenantId)
                        .setParameter(2, since)
                        .getSingleResult();
        return n.longValue();
    }

    /**
     * Claims the oldest queued job whose organization is below its concurrency limit, for this node: the row is
     * locked with {@code FOR UPDATE SKIP LOCKED} so that nodes never claim the same job, and the organization's count
     * is taken under a transaction-scoped advisory lock on the tenant so that two nodes cannot both fill its last
     * slot.
     */
    @SuppressWarnings("unchecked")
    public Optional<UUID[]> claimNext(String node, int defaultConcurrentRuns) {
        List<Object[]> candidates = em.createNativeQuery(
                        "select r.id, r.tenant_id from factory_run r join tenant t on t.id = r.tenant_id"
                                + " where r.status = 'QUEUED' and t.status = 'ACTIVE'"
                                + " order by r.queued_at for update of r skip locked limit 20")
                .getResultList();
        for (Object[] candidate : candidates) {
            UUID id = (UUID) candidate[0];
            UUID tenant = (UUID) candidate[1];
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext('factory:' || ?1))")
                    .setParameter(1, tenant.toString())
                    .getSingleResult();
            Number running = (Number)
                    em.createNativeQuery("select count(*) from factory_run where tenant_id = ?1 and status = 'RUNNING'")
                            .setParameter(1, tenant)
                            .getSingleResult();
            List<?> limit = em.createNativeQuery("select max_concurrent_runs from factory_limits where tenant_id = ?1")
                    .setParameter(1, tenant)
                    .getResultList();
            int allowed = limit.isEmpty() ? defaultConcurrentRuns : ((Number) limit.get(0)).intValue();
            if (running.intValue() < allowed) {
                em.createNativeQuery("update factory_run set status = 'RUNNING', claimed_by = ?2,"
                                + " heartbeat_at = now(), started_at = coalesce(started_at, now()) where id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, node)
                        .executeUpdate();
                return Optional.of(new UUID[] {id, tenant});
            }
        }
        return Optional.empty();
    }

    /**
     * Puts back in the queue the running jobs of a node that died: those claimed by this node (it restarted, so
     * nothing of it still trains) and those of any node whose heartbeat is older than {@code staleBefore}. Each
     * continues from its last checkpoint.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> requeueOrphans(String node, Instant staleBefore, boolean includeOwn) {
        return em.createNativeQuery("update factory_run r set status = 'QUEUED', claimed_by = null,"
                        + " resume_from = coalesce((select c.directory from factory_checkpoint c where c.run_id = r.id"
                        + " order by c.step desc limit 1), r.resume_from)"
                        + " where r.status = 'RUNNING' and ((?3 and r.claimed_by = ?1) or r.heartbeat_at < ?2)"
                        + " returning r.id")
                .setParameter(1, node)
                .setParameter(2, staleBefore)
                .setParameter(3, includeOwn)
                .getResultList();
    }

    /** Records a step's metrics; a step redone after a resume overwrites the same values. */
    public void addMetric(UUID runId, UUID tenantId, RunMetric m) {
        em.createNativeQuery("insert into factory_run_metric"
                        + " (run_id, tenant_id, step, loss, learning_rate, tokens_per_second, validation_loss)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (run_id, step) do update set"
                        + " loss = excluded.loss, learning_rate = excluded.learning_rate,"
                        + " tokens_per_second = excluded.tokens_per_second,"
                        + " validation_loss = coalesce(excluded.validation_loss, factory_run_metric.validation_loss)")
                .setParameter(1, runId)
                .setParameter(2, tenantId)
                .setParameter(3, m.step())
                .setParameter(4, m.loss())
                .setParameter(5, m.learningRate())
                .setParameter(6, m.tokensPerSecond())
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter(7, m.validationLoss(), org.hibernate.type.StandardBasicTypes.DOUBLE)
                .executeUpdate();
    }

    /** A run's metrics after {@code afterStep}, in step order; the caller has checked the run is the tenant's. */
    @SuppressWarnings("unchecked")
    public List<RunMetric> metrics(UUID runId, UUID tenantId, int afterStep) {
        List<Object[]> rows = em.createNativeQuery("select step, loss, learning_rate, tokens_per_second,"
                        + " validation_loss from factory_run_metric where run_id = ?1 and tenant_id = ?2"
                        + " and step > ?3 order by step")
                .setParameter(1, runId)
                .setParameter(2, tenantId)
                .setParameter(3, afterStep)
                .getResultList();
        return rows.stream()
                .map(r -> new RunMetric(
                        ((Number) r[0]).intValue(),
                        ((Number) r[1]).doubleValue(),
                        ((Number) r[2]).doubleValue(),
                        ((Number) r[3]).doubleValue(),
                        r[4] == null ? null : ((Number) r[4]).doubleValue()))
                .toList();
    }

    /** A run's validation measurements as (step, validation loss), in step order. */
    @SuppressWarnings("unchecked")
    public List<double[]> validations(UUID runId, UUID tenantId) {
        List<Object[]> rows = em.createNativeQuery("select step, validation_loss from factory_run_metric"
                        + " where run_id = ?1 and tenant_id = ?2 and validation_loss is not null order by step")
                .setParameter(1, runId)
                .setParameter(2, tenantId)
                .getResultList();
        return rows.stream()
                .map(r -> new double[] {((Number) r[0]).doubleValue(), ((Number) r[1]).doubleValue()})
                .toList();
    }

    public List<RunCheckpoint> checkpoints(UUID runId) {
        return em.createQuery("select c from RunCheckpoint c where c.runId = :r order by c.step", RunCheckpoint.class)
                .setParameter("r", runId)
                .getResultList();
    }

    public Optional<RunCheckpoint> checkpoint(UUID runId, int step) {
        return em.createQuery("select c from RunCheckpoint c where c.runId = :r and c.step = :s", RunCheckpoint.class)
                .setParameter("r", runId)
                .setParameter("s", step)
                .getResultStream()
                .findFirst();
    }

    public boolean hasCheckpoint(UUID runId, int step) {
        return checkpoint(runId, step).isPresent();
    }

    public Page<ModelVersion> versions(PageRequest page) {
        return Page.of(
                em.createQuery("select v from ModelVersion v order by v.publishedAt desc, v.id", ModelVersion.class),
                em.createQuery("select count(v) from ModelVersion v", Long.class),
                page);
    }

    public Optional<ModelVersion> version(UUID id) {
        return em.createQuery("select v from ModelVersion v where v.id = :id", ModelVersion.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    public List<ModelVersion> versionsOfRun(UUID runId) {
        return em.createQuery("select v from ModelVersion v where v.runId = :r", ModelVersion.class)
                .setParameter("r", runId)
                .getResultList();
    }

    /** Every organization's versions trained on a release of this DataNet, newest first (run as the platform). */
    @SuppressWarnings("unchecked")
    public List<ModelVersion> versionsTrainedOn(UUID dataNetId) {
        return em.createNativeQuery(
                        "select * from factory_model_version where releases @> cast(?1 as jsonb)"
                                + " order by published_at desc, id",
                        ModelVersion.class)
                .setParameter(1, "[{\"dataNetId\":\"" + dataNetId + "\"}]")
                .getResultList();
    }

    /** The run a published version of any organization applies (serving hosts every organization's models). */
    /** The base a run trained on, whatever the current tenant (a native query). */
    public Optional<UUID> baseOfRun(UUID runId) {
        return em.createNativeQuery("select base_model_id from factory_run where id = ?1", UUID.class)
                .setParameter(1, runId)
                .getResultStream()
                .map(UUID.class::cast)
                .findFirst();
    }

    public Optional<UUID> runOfVersion(UUID versionId) {
        return em.createNativeQuery("select run_id from factory_model_version where id = ?1", UUID.class)
                .setParameter(1, versionId)
                .getResultStream()
                .map(UUID.class::cast)
                .findFirst();
    }

    public int latestVersion(String name) {
        return em.createQuery("select coalesce(max(v.version), 0) from ModelVersion v where v.name = :n", Integer.class)
                .setParameter("n", name)
                .getSingleResult();
    }

    /** Marks jobs as alive on this node (between steps, data loading and evaluation take a while). */
    public void heartbeat(List<UUID> ids, String node) {
        if (ids.isEmpty()) return;
        em.createNativeQuery("update factory_run set heartbeat_at = now() where status = 'RUNNING'"
                        + " and claimed_by = :node and id in (:ids)")
                .setParameter("ids", ids)
                .setParameter("node", node)
                .executeUpdate();
    }
}
