package io.tributary.persistence.tenancy;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
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

    public Optional<Member> findBySubject(String subject) {
        return em.createQuery("select m from Member m where m.subject = :s", Member.class)
                .setParameter("s", subject)
                .getResultStream()
                .findFirst();
    }

    /** The current members (removed members' tombstones left out). */
    public List<Member> all() {
        return em.createQuery("select m from Member m where m.status = 'ACTIVE' order by m.email", Member.class)
                .getResultList();
    }

    /** One page of the current tenant's members (not the tombstones of removed ones), by e-mail. */
    public Page<Member> page(PageRequest page) {
        return Page.of(
                em.createQuery("select m from Member m where m.status = 'ACTIVE' order by m.email, m.id", Member.class),
                em.createQuery("select count(m) from Member m where m.status = 'ACTIVE'", Long.class),
                page);
    }

    /** What people may sort and filter the members list by. */
    public static final Columns COLUMNS = Columns.builder()
            .text("email", "m.email")
            .text("displayName", "m.displayName")
            .text("publicName", "m.publicName")
            .sortOnly("lastSignIn", "m.lastSignIn")
            .build();

    /** One page of the tenant's members sorted and filtered by {@link #COLUMNS}, by e-mail otherwise. */
    public Page<Member> page(ListQuery query) {
        String where = " from Member m where m.status = 'ACTIVE'" + COLUMNS.where(query);
        return Page.of(
                COLUMNS.bind(
                        em.createQuery("select m" + where + COLUMNS.orderBy(query, "m.email, m.id"), Member.class),
                        query),
                COLUMNS.bind(em.createQuery("select count(m)" + where, Long.class), query),
                query.page());
    }

    /** One page of a tenant's members, for platform staff. */
    public Page<Member> ofTenant(UUID tenantId, PageRequest page) {
        return Page.of(
                em.createQuery("select m from Member m where m.tenantId = :t order by m.email, m.id", Member.class)
                        .setParameter("t", tenantId),
                em.createQuery("select count(m) from Member m where m.tenantId = :t", Long.class)
                        .setParameter("t", tenantId),
                page);
    }

    /**
     * Records a sign-in with one conditional statement that leaves the version alone, so that a member's concurrent
     * requests never collide: it links the subject and takes the name on a change, and otherwise moves the last
     * sign-in at most once per {@code granularity}. Answers whether a row changed.
     */
    public boolean recordSignIn(UUID id, String subject, String displayName, Instant at, Duration granularity) {
        boolean named = displayName != null && !displayName.isBlank();
        var update = em.createQuery("update Member m set m.subject = :subject, m.lastSignIn = :at"
                        + (named ? ", m.displayName = :name" : "")
                        + " where m.id = :id and (m.subject is null or m.subject <> :subject"
                        + (named ? " or m.displayName is null or m.displayName <> :name" : "")
                        + " or m.lastSignIn is null or m.lastSignIn < :stale)")
                .setParameter("subject", subject)
                .setParameter("at", at)
                .setParameter("id", id)
                .setParameter("stale", at.minus(granularity));
        if (named) {
            update.setParameter("name", displayName);
        }
        return update.executeUpdate() > 0;
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

    /** One tenant's members, for platform staff (the platform context sees every tenant). */
    public List<Member> ofTenant(UUID tenantId) {
        return em.createQuery("select m from Member m where m.tenantId = :t order by m.email", Member.class)
                .setParameter("t", tenantId)
                .getResultList();
    }
}
