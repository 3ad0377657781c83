package io.tributary.persistence.curation;

import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.datanet.ContributionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** Reviews, the records waiting for a validator, and how often each validator agreed with the final decision. */
@ApplicationScoped
public class ReviewRepository {

    @PersistenceContext(unitName = "tributary")
    EntityManager em;

    /** The columns people sort a validator's queue by. */
    public static final Columns QUEUE = Columns.builder()
            .sortOnly("qualityScore", "c.qualityScore")
            .sortOnly("createdAt", "c.createdAt")
            .build();

    /**
     * The records waiting for this validator, oldest first unless sorted otherwise: in review, not their own, not yet
     * voted on by them. Ids only; the datanet context shows the records.
     */
    public Page<UUID> waitingFor(UUID dataNetId, UUID validatorMemberId, ListQuery query) {
        String where = " from Contribution c where c.dataNetId = :d and c.status = :s"
                + " and c.contributor.memberId <> :v and not exists (select r.id from Review r"
                + " where r.contributionId = c.id and r.validatorMemberId = :v)";
        return Page.of(
                em.createQuery("select c.id" + where + QUEUE.orderBy(query, "c.createdAt, c.id"), UUID.class)
                        .setParameter("d", dataNetId)
                        .setParameter("s", ContributionStatus.IN_REVIEW)
                        .setParameter("v", validatorMemberId),
                em.createQuery("select count(c)" + where, Long.class)
                        .setParameter("d", dataNetId)
                        .setParameter("s", ContributionStatus.IN_REVIEW)
                        .setParameter("v", validatorMemberId),
                query.page());
    }

    public void add(Review review) {
        em.persist(review);
    }

    public List<Review> ofContribution(UUID contributionId) {
        return em.createQuery("select r from Review r where r.contributionId = :c order by r.createdAt", Review.class)
                .setParameter("c", contributionId)
                .getResultList();
    }

    /**
     * Whether two members are one person: the same member, or memberships of one account (Keycloak subject or
     * e-mail) in two organizations. Reads members of every organization.
     */
    public boolean samePerson(UUID memberId, UUID otherMemberId) {
        if (memberId == null || otherMemberId == null) return false;
        if (memberId.equals(otherMemberId)) return true;
        return !em.createNativeQuery("select 1 from member a join member b on a.subject = b.subject"
                        + " or lower(a.email) = lower(b.email) where a.id = ?1 and b.id = ?2")
                .setParameter(1, memberId)
                .setParameter(2, otherMemberId)
                .getResultList()
                .isEmpty();
    }

    /** Whether this person, through any of their memberships, has reviewed the contribution. */
    public boolean reviewedBy(UUID contributionId, UUID memberId) {
        return !em.createNativeQuery("select 1 from review r join member v on v.id = r.validator_member_id"
                        + " join member me on me.id = ?2 where r.contribution_id = ?1 and (v.id = me.id"
                        + " or v.subject = me.subject or lower(v.email) = lower(me.email)) limit 1")
                .setParameter(1, contributionId)
                .setParameter(2, memberId)
                .getResultList()
                .isEmpty();
    }

    /**
     * Per validator of a DataNet: member id, votes on decided records, and how many of those matched the decision.
     */
    public List<ValidatorTally> agreement(UUID dataNetId) {
        return em.createQuery(
                        "select new io.tributary.persistence.curation.ValidatorTally(r.validatorMemberId, count(r),"
                                + " sum(case when (r.verdict = :approve and c.status ="
                                + " io.tributary.persistence.datanet.ContributionStatus.ACCEPTED) or (r.verdict ="
                                + " :reject and c.status = io.tributary.persistence.datanet.ContributionStatus.REJECTED)"
                                + " then 1 else 0 end)) from Review r, Contribution c where c.id = r.contributionId"
                                + " and r.dataNetId = :d and c.status in"
                                + " (io.tributary.persistence.datanet.ContributionStatus.ACCEPTED,"
                                + " io.tributary.persistence.datanet.ContributionStatus.REJECTED)"
                                + " group by r.validatorMemberId order by 2 desc, 1",
                        ValidatorTally.class)
                .setParameter("d", dataNetId)
                .setParameter("approve", Verdict.APPROVE)
                .setParameter("reject", Verdict.REJECT)
                .getResultList();
    }
}
