package io.tributary.persistence.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Domain claims: the current tenant's, or (in the platform context) every tenant's. */
@ApplicationScoped
public class DomainClaimRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<DomainClaim> find(UUID id) {
        return em.createQuery("select c from DomainClaim c where c.id = :id", DomainClaim.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    /** The claim holding a domain (pending or verified), whichever tenant it belongs to, visible in this context. */
    public Optional<DomainClaim> holding(String domain) {
        return em.createQuery(
                        "select c from DomainClaim c where c.domain = :d and c.status <> :rejected", DomainClaim.class)
                .setParameter("d", domain.toLowerCase())
                .setParameter("rejected", DomainClaim.Status.REJECTED)
                .getResultStream()
                .findFirst();
    }

    /**
     * The tenant holding a domain, looked up across all tenants whatever the current context (a native query is not
     * filtered by tenant), so one tenant learns only that a domain is taken, never by whom.
     */
    public Optional<UUID> holder(String domain) {
        List<?> rows = em.createNativeQuery(
                        "select cast(tenant_id as varchar) from domain_claim where domain = ?1 and status <> 'REJECTED'")
                .setParameter(1, domain.toLowerCase())
                .getResultList();
        return rows.stream().map(r -> UUID.fromString(String.valueOf(r))).findFirst();
    }

    /**
     * Claims of the domain by any tenant still pending since before the instant, as claim id to tenant id (a native
     * query: every tenant's).
     */
    public Map<UUID, UUID> pendingSince(String domain, Instant before) {
        List<?> rows = em.createNativeQuery("select cast(id as varchar), cast(tenant_id as varchar) from domain_claim"
                        + " where domain = ?1 and status = 'PENDING' and created_at < ?2")
                .setParameter(1, domain.toLowerCase())
                .setParameter(2, java.sql.Timestamp.from(before))
                .getResultList();
        Map<UUID, UUID> claims = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            claims.put(UUID.fromString(String.valueOf(columns[0])), UUID.fromString(String.valueOf(columns[1])));
        }
        return claims;
    }

    public List<DomainClaim> all() {
        return em.createQuery("select c from DomainClaim c order by c.createdAt, c.domain", DomainClaim.class)
                .getResultList();
    }

    public List<DomainClaim> pending() {
        return em.createQuery(
                        "select c from DomainClaim c where c.status = :p order by c.createdAt, c.domain",
                        DomainClaim.class)
                .setParameter("p", DomainClaim.Status.PENDING)
                .getResultList();
    }

    public void add(DomainClaim claim) {
        em.persist(claim);
    }
}
