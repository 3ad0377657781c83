package io.tributary.persistence.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
