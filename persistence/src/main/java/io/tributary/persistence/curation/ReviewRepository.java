package io.tributary.persistence.curation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** Reviews, and how often each validator agreed with the final decision. */
@ApplicationScoped
public class ReviewRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    public void add(Review review) {
        em.persist(review);
    }

    public List<Review> ofContribution(UUID contributionId) {
        return em.createQuery("select r from Review r where r.contributionId = :c order by r.createdAt", Review.class)
                .setParameter("c", contributionId)
                .getResultList();
    }

    public boolean exists(UUID contributionId, UUID validatorMemberId) {
        return !em.createQuery(
                        "select r.id from Review r where r.contributionId = :c and r.validatorMemberId = :v",
                        UUID.class)
                .setParameter("c", contributionId)
                .setParameter("v", validatorMemberId)
                .getResultList()
                .isEmpty();
    }

    /**
     * Per validator of a DataNet: member id, votes on decided records, and how many of those matched the decision.
     */
    public List<Object[]> agreement(UUID dataNetId) {
        return em.createQuery(
                        "select r.validatorMemberId, count(r), sum(case when (r.verdict = :approve and c.status ="
                                + " io.tributary.persistence.datanet.ContributionStatus.ACCEPTED) or (r.verdict ="
                                + " :reject and c.status = io.tributary.persistence.datanet.ContributionStatus.REJECTED)"
                                + " then 1 else 0 end) from Review r, Contribution c where c.id = r.contributionId"
                                + " and r.dataNetId = :d and c.status in"
                                + " (io.tributary.persistence.datanet.ContributionStatus.ACCEPTED,"
                                + " io.tributary.persistence.datanet.ContributionStatus.REJECTED)"
                                + " group by r.validatorMemberId order by 2 desc, 1",
                        Object[].class)
                .setParameter("d", dataNetId)
                .setParameter("approve", Verdict.APPROVE)
                .setParameter("reject", Verdict.REJECT)
                .getResultList();
    }
}
