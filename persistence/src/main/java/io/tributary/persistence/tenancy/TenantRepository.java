package io.tributary.persistence.tenancy;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All tenants; tenants themselves are not tenant-owned, so this is the platform's view. */
@ApplicationScoped
public class TenantRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<Tenant> find(UUID id) {
        return Optional.ofNullable(em.find(Tenant.class, id));
    }

    public Optional<Tenant> findByAlias(String alias) {
        return em.createQuery("select t from Tenant t where t.alias = :alias", Tenant.class)
                .setParameter("alias", alias)
                .getResultStream()
                .findFirst();
    }

    public List<Tenant> all() {
        return em.createQuery("select t from Tenant t order by t.name", Tenant.class)
                .getResultList();
    }

    public Page<Tenant> page(PageRequest page) {
        return Page.of(
                em.createQuery("select t from Tenant t order by t.name, t.id", Tenant.class),
                em.createQuery("select count(t) from Tenant t", Long.class),
                page);
    }

    public void add(Tenant tenant) {
        em.persist(tenant);
    }
}
