package io.tributary.persistence.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The current tenant's members (queries are filtered by tenant). */
@ApplicationScoped
public class MemberRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    /** By id, within the current tenant only: a query, because Hibernate's tenant filter guards queries. */
    public Optional<Member> find(UUID id) {
        return em.createQuery("select m from Member m where m.id = :id", Member.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    public Optional<Member> findByEmail(String email) {
        return em.createQuery("select m from Member m where lower(m.email) = lower(:email)", Member.class)
                .setParameter("email", email)
                .getResultStream()
                .findFirst();
    }

    public List<Member> all() {
        return em.createQuery("select m from Member m order by m.email", Member.class)
                .getResultList();
    }

    /**
     * Members of any tenant by id, with just what naming them needs: their tenant, e-mail and public name. A native
     * query on purpose: public DataNets show other tenants' members, which the tenant filter would hide.
     */
    public Map<UUID, MemberName> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, MemberName> names = new HashMap<>();
        List<?> rows = em.createNativeQuery(
                        "select cast(id as varchar), cast(tenant_id as varchar), email, public_name from member"
                                + " where id in (:ids)")
                .setParameter("ids", ids)
                .getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            MemberName name = new MemberName(
                    UUID.fromString((String) columns[0]),
                    UUID.fromString((String) columns[1]),
                    (String) columns[2],
                    (String) columns[3]);
            names.put(name.id(), name);
        }
        return names;
    }

    public void add(Member member) {
        em.persist(member);
    }

    public void remove(Member member) {
        em.remove(member);
    }

    /** One tenant's members, for platform staff (the platform context sees every tenant). */
    public List<Member> ofTenant(UUID tenantId) {
        return em.createQuery("select m from Member m where m.tenantId = :t order by m.email", Member.class)
                .setParameter("t", tenantId)
                .getResultList();
    }
}
