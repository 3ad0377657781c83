package io.tributary.persistence.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SSO connections of the current tenant. */
@ApplicationScoped
public class SsoConnectionRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<SsoConnection> find(UUID id) {
        return em.createQuery("select c from SsoConnection c where c.id = :id", SsoConnection.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    public Optional<SsoConnection> findByEmailDomain(String domain) {
        return em.createQuery(
                        "select c from SsoConnection c where lower(c.emailDomain) = lower(:d)", SsoConnection.class)
                .setParameter("d", domain)
                .getResultStream()
                .findFirst();
    }

    public List<SsoConnection> all() {
        return em.createQuery("select c from SsoConnection c order by c.createdAt, c.id", SsoConnection.class)
                .getResultList();
    }

    public void add(SsoConnection connection) {
        em.persist(connection);
    }

    public void remove(SsoConnection connection) {
        em.remove(connection);
    }
}
