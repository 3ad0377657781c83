package io.tributary.persistence.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys of the current tenant, and the lookup by secret hash that tells which tenant a key belongs to. */
@ApplicationScoped
public class ApiKeyRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<ApiKey> find(UUID id) {
        return em.createQuery("select k from ApiKey k where k.id = :id", ApiKey.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    /** Must run in the platform context: the tenant is what this lookup finds out. */
    public Optional<ApiKey> findBySecretHash(String secretHash) {
        return em.createQuery("select k from ApiKey k where k.secretHash = :h", ApiKey.class)
                .setParameter("h", secretHash)
                .getResultStream()
                .findFirst();
    }

    public List<ApiKey> all() {
        return em.createQuery("select k from ApiKey k order by k.createdAt desc", ApiKey.class)
                .getResultList();
    }

    /** The member's personal access tokens, newest first. */
    public List<ApiKey> ofMember(UUID memberId) {
        return em.createQuery(
                        "select k from ApiKey k where k.memberId = :member order by k.createdAt desc", ApiKey.class)
                .setParameter("member", memberId)
                .getResultList();
    }

    public void add(ApiKey key) {
        em.persist(key);
    }
}
