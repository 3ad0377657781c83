package io.tributary.persistence.attribution;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Attribution's tables. Receipts are not filtered by Hibernate's tenant: a receipt is read by its caller's
 * organization and by the members it paid, so the service passes both to every query.
 */
@ApplicationScoped
public class AttributionRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Object entity) {
        em.persist(entity);
    }

    public SplitBounds bounds() {
        return em.find(SplitBounds.class, 1);
    }

    public SplitBounds boundsForUpdate() {
        return em.find(SplitBounds.class, 1, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<FeeSplit> split(UUID modelVersionId) {
        return Optional.ofNullable(em.find(FeeSplit.class, modelVersionId));
    }

    /** The split, locked until the transaction ends (an owner's change never crosses the first receipt's fix). */
    public Optional<FeeSplit> splitForUpdate(UUID modelVersionId) {
        return Optional.ofNullable(em.find(FeeSplit.class, modelVersionId, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Receipt> receipt(UUID id) {
        return Optional.ofNullable(em.find(Receipt.class, id));
    }

    /** The receipt, locked until the transaction ends: decisions on its disputes pay one after another. */
    public Optional<Receipt> receiptForUpdate(UUID id) {
        return Optional.ofNullable(em.find(Receipt.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private static final String VISIBLE =
            " from Receipt r where r.tenantId = :tenant or exists (select 1 from Receipt x"
                    + " join x.payees p where x.id = r.id and p.memberId = :member and p.role in (:roles))";

    /**
     * Receipts of inferences the organization asked for, and those whose split paid the member (contributor, validator, owner),
     * newest first.
     */
    public Page<Receipt> visible(UUID tenantId, UUID memberId, PageRequest page) {
        List<PayeeRole> roles = List.of(PayeeRole.CONTRIBUTOR, PayeeRole.VALIDATOR, PayeeRole.MODEL_OWNER);
        UUID member = memberId == null ? new UUID(0, 0) : memberId;
        return Page.of(
                em.createQuery("select r" + VISIBLE + " order by r.servedAt desc, r.id", Receipt.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("member", member)
                        .setParameter("roles", roles),
                em.createQuery("select count(r)" + VISIBLE, Long.class)
                        .setParameter("tenant", tenantId)
                        .setParameter("member", member)
                        .setParameter("roles", roles),
                page);
    }

    /** Whether the version has served at least once (then its split is fixed). */
    public boolean hasServed(UUID modelVersionId) {
        return !em.createQuery("select r.id from Receipt r where r.modelVersionId = :v", UUID.class)
                .setParameter("v", modelVersionId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /**
     * Up to {@code max} receipts not yet in a batch, oldest first, locked so that two nodes never seal the same one
     * (rows another transaction holds are skipped).
     */
    @SuppressWarnings("unchecked")
    public List<Receipt> lockUnbatched(int max) {
        List<UUID> ids = em.createNativeQuery(
                        "select id from attribution_receipt where batch_id is null order by attributed_at, id"
                                + " limit ?1 for update skip locked",
                        UUID.class)
                .setParameter(1, max)
                .getResultList();
        return ids.stream().map(id -> em.find(Receipt.class, id)).toList();
    }

    public List<Receipt> ofBatch(UUID batchId) {
        return em.createQuery("select r from Receipt r where r.batchId = :b", Receipt.class)
                .setParameter("b", batchId)
                .getResultList();
    }

    public Optional<ReceiptBatch> batch(UUID id) {
        return Optional.ofNullable(em.find(ReceiptBatch.class, id));
    }

    /** Locks the batch until the transaction ends: two anchoring attempts never overlap. */
    public Optional<ReceiptBatch> lockBatch(UUID id) {
        return Optional.ofNullable(em.find(ReceiptBatch.class, id, LockModeType.PESSIMISTIC_WRITE));
    }
}
