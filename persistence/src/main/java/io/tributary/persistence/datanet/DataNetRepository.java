package io.tributary.persistence.datanet;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
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

    /** The columns people sort and filter the list of DataNets by. */
    public static final Columns LIST = Columns.builder()
            .text("name", "d.name")
            .text("domain", "d.domain")
            .text("recordType", "d.recordType")
            .text("licence", "d.licence")
            .choice("visibility", "d.visibility", Visibility.class)
            .sortOnly("createdAt", "d.createdAt")
            .build();

    /** The organization's own DataNets and every public one. */
    public Page<DataNet> openTo(UUID tenantId, PageRequest page) {
        return openTo(tenantId, ListQuery.of(page));
    }

    /** The organization's own DataNets and every public one, sorted and filtered within {@link #LIST}. */
    public Page<DataNet> openTo(UUID tenantId, ListQuery query) {
        String where = " from DataNet d where (d.ownerTenantId = :t or d.visibility = :public)" + LIST.where(query);
        return Page.of(
                LIST.bind(
                        em.createQuery("select d" + where + LIST.orderBy(query, "d.name, d.id"), DataNet.class)
                                .setParameter("t", tenantId)
                                .setParameter("public", Visibility.PUBLIC),
                        query),
                LIST.bind(
                        em.createQuery("select count(d)" + where, Long.class)
                                .setParameter("t", tenantId)
                                .setParameter("public", Visibility.PUBLIC),
                        query),
                query.page());
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
