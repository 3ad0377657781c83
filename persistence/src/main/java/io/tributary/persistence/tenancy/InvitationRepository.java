package io.tributary.persistence.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Invitations of the current tenant (by token hash also in the platform context, for the accept page). */
@ApplicationScoped
public class InvitationRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public Optional<Invitation> find(UUID id) {
        return em.createQuery("select i from Invitation i where i.id = :id", Invitation.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    public Optional<Invitation> findByTokenHash(String hash) {
        return em.createQuery("select i from Invitation i where i.tokenHash = :h", Invitation.class)
                .setParameter("h", hash)
                .getResultStream()
                .findFirst();
    }

    public Optional<Invitation> pendingFor(UUID memberId) {
        return em.createQuery("select i from Invitation i where i.memberId = :m and i.status = :p", Invitation.class)
                .setParameter("m", memberId)
                .setParameter("p", Invitation.Status.PENDING)
                .getResultStream()
                .findFirst();
    }

    public List<Invitation> all() {
        return em.createQuery("select i from Invitation i order by i.createdAt desc, i.id", Invitation.class)
                .setMaxResults(500)
                .getResultList();
    }

    public void add(Invitation invitation) {
        em.persist(invitation);
    }
}
