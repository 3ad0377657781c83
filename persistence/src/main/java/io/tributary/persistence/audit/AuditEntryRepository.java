package io.tributary.persistence.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.UUID;

/** Appends to and reads the audit log. */
@ApplicationScoped
public class AuditEntryRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void append(AuditEntry entry) {
        em.persist(entry);
    }

    /** Newest first; a null tenant means every tenant (platform staff only). */
    public List<AuditEntry> latest(UUID tenantId, int max) {
        TypedQuery<AuditEntry> query = tenantId == null
                ? em.createQuery("select a from AuditEntry a order by a.id desc", AuditEntry.class)
                : em.createQuery(
                                "select a from AuditEntry a where a.tenantId = :t order by a.id desc", AuditEntry.class)
                        .setParameter("t", tenantId);
        return query.setMaxResults(max).getResultList();
    }
}
