package io.tributary.persistence.tenancy;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
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

    /** What staff may sort and filter the tenants list by. */
    public static final Columns COLUMNS = Columns.builder()
            .text("alias", "t.alias")
            .text("name", "t.name")
            .choice("status", "t.status", TenantStatus.class)
            .sortOnly("created", "t.createdAt")
            .build();

    /** One page of the tenants sorted and filtered by {@link #COLUMNS}, by name otherwise. */
    public Page<Tenant> page(ListQuery query) {
        String where = " from Tenant t where 1 = 1" + COLUMNS.where(query);
        return Page.of(
                COLUMNS.bind(
                        em.createQuery("select t" + where + COLUMNS.orderBy(query, "t.name, t.id"), Tenant.class),
                        query),
                COLUMNS.bind(em.createQuery("select count(t)" + where, Long.class), query),
                query.page());
    }

    public void add(Tenant tenant) {
        em.persist(tenant);
    }
}
