package io.tributary.persistence.datanet;

import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/** DataNets; visibility is decided here and in the services, not by the tenant filter. */
@ApplicationScoped
public class DataNetRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<DataNet> find(UUID id) {
        return Optional.ofNullable(em.find(DataNet.class, id));
    }

    /** The organization's own DataNets and every public one. */
    public Page<DataNet> openTo(UUID tenantId, PageRequest page) {
        String where = " from DataNet d where d.ownerTenantId = :t or d.visibility = :public";
        return Page.of(
                em.createQuery("select d" + where + " order by d.name, d.id", DataNet.class)
                        .setParameter("t", tenantId)
                        .setParameter("public", Visibility.PUBLIC),
                em.createQuery("select count(d)" + where, Long.class)
                        .setParameter("t", tenantId)
                        .setParameter("public", Visibility.PUBLIC),
                page);
    }

    public boolean nameTaken(UUID ownerTenantId, String name) {
        return !em.createQuery(
                        "select d.id from DataNet d where d.ownerTenantId = :t and lower(d.name) = lower(:n)",
                        UUID.class)
                .setParameter("t", ownerTenantId)
                .setParameter("n", name)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public void add(DataNet dataNet) {
        em.persist(dataNet);
    }
}
