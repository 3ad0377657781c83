package io.tributary.persistence.datanet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
    public List<DataNet> openTo(UUID tenantId) {
        return em.createQuery(
                        "select d from DataNet d where d.ownerTenantId = :t or d.visibility = :public order by d.name",
                        DataNet.class)
                .setParameter("t", tenantId)
                .setParameter("public", Visibility.PUBLIC)
                .getResultList();
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
