package io.tributary.application.curation;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.events.DomainEvents;
import io.tributary.application.tenancy.Inbox;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.curation.Review;
import io.tributary.persistence.curation.ReviewRepository;
import io.tributary.persistence.curation.Verdict;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionRepository;
import io.tributary.persistence.datanet.ContributionStatus;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.persistence.datanet.ValidatorPool;
import io.tributary.persistence.tenancy.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Validators' votes and the DataNet owner's rulings on escalations. Every decision carries a reason, goes to the audit
 * log, and is published as {@link ContributionDecided} (which notifies the contributor).
 */
@Stateless
public class ReviewService {

    @Inject
    DataNetService dataNets;

    @Inject
    ContributionRepository contributions;

    @Inject
    ReviewRepository reviews;

    @Inject
    Inbox inbox;

    @Inject
    AuditLog audit;

    @Inject
    MemberNames names;

    @Inject
    DomainEvents events;

    /** One validator's agreement with final decisions on a DataNet. */
    public record ValidatorStanding(String validator, long decidedVotes, long agreed) {
        public double agreementRate() {
            return decidedVotes == 0 ? 0 : (double) agreed / decidedVotes;
        }

        /** Agreement weighted by experience, so a single lucky vote does not top the table. */
        public double reputation() {
            return agreementRate() * (1 - 1.0 / (1 + decidedVotes));
        }
    }

    /** One contributor's accepted and decided records in a DataNet. */
    public record ContributorStanding(String contributor, long accepted, long decided) {
        public double acceptanceRate() {
            return decided == 0 ? 0 : (double) accepted / decided;
        }
    }

    /** The records this validator may vote on next, oldest first. */
    public Page<Contribution> queue(Actor actor, UUID dataNetId, PageRequest page) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        requireValidator(actor, dataNet, "review.queue");
        return contributions.queue(dataNetId, actor.memberId(), page);
    }

    /** Records the validators escalated, for the DataNet's owner. */
    public Page<Contribution> escalations(Actor actor, UUID dataNetId, PageRequest page) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        if (!dataNets.isOwner(actor, dataNet)) {
            throw new AccessDenied("Only the DataNet's owner sees its escalations.");
        }
        return contributions.withStatus(dataNetId, ContributionStatus.ESCALATED, page);
    }

    public Contribution review(Actor actor, UUID contributionId, String verdict, String reason) {
        Contribution contribution = visible(actor, contributionId);
        DataNet dataNet = dataNets.get(actor, contribution.getDataNetId());
        requireValidator(actor, dataNet, "review.vote");
        InputCheck check = new InputCheck();
        Verdict v = verdict(check, verdict);
        String why = check.text("reason", reason, 2000);
        check.done();
        if (contribution.getContributor().memberId().equals(actor.memberId())) {
            audit.refused(actor, actor.tenantId(), "review.vote", contributionId.toString(), Outcome.DENIED, "own");
            throw new AccessDenied("Nobody reviews their own contributions.");
        }
        if (contribution.getStatus() != ContributionStatus.IN_REVIEW) {
            throw new Conflict("This record is "
                    + contribution.getStatus().name().toLowerCase(Locale.ROOT) + " and takes no more votes.");
        }
        if (reviews.exists(contributionId, actor.memberId())) {
            throw new Conflict("You have already reviewed this record.");
        }
        reviews.add(
                new Review(contributionId, dataNet.getId(), actor.tenantId(), actor.memberId(), actor.name(), v, why));
        int approvals = contribution.getApprovals() + (v == Verdict.APPROVE ? 1 : 0);
        int rejections = contribution.getRejections() + (v == Verdict.REJECT ? 1 : 0);
        ContributionStatus next = dataNet.reviewPolicy().decide(approvals, rejections);
        String outcome = switch (next) {
            case ACCEPTED -> "accepted by " + approvals + " validators";
            case REJECTED -> "rejected by " + rejections + " validators: " + why;
            case ESCALATED -> "escalated to the DataNet owner after a split vote";
            default -> null;
        };
        contribution.tally(approvals, rejections, next, outcome, Instant.now());
        audit.changed(actor, actor.tenantId(), "review.vote", contributionId.toString(), v + ": " + why);
        if (next != ContributionStatus.IN_REVIEW) {
            announce(dataNet, contribution, outcome);
        }
        return contribution;
    }

    /** The owner's ruling on an escalated record. */
    public Contribution rule(Actor actor, UUID contributionId, String verdict, String reason) {
        Contribution contribution = visible(actor, contributionId);
        DataNet dataNet = dataNets.get(actor, contribution.getDataNetId());
        if (!dataNets.isOwner(actor, dataNet)) {
            audit.refused(actor, actor.tenantId(), "review.rule", contributionId.toString(), Outcome.DENIED, "owner");
            throw new AccessDenied("Only the DataNet's owner rules on escalated records.");
        }
        InputCheck check = new InputCheck();
        Verdict v = verdict(check, verdict);
        String why = check.text("reason", reason, 2000);
        check.done();
        if (contribution.getStatus() != ContributionStatus.ESCALATED) {
            throw new Conflict("Only escalated records need the owner's ruling.");
        }
        ContributionStatus decided = v == Verdict.APPROVE ? ContributionStatus.ACCEPTED : ContributionStatus.REJECTED;
        String outcome =
                (decided == ContributionStatus.ACCEPTED ? "accepted" : "rejected") + " by the DataNet owner: " + why;
        contribution.tally(contribution.getApprovals(), contribution.getRejections(), decided, outcome, Instant.now());
        audit.changed(actor, actor.tenantId(), "review.rule", contributionId.toString(), v + ": " + why);
        announce(dataNet, contribution, outcome);
        return contribution;
    }

    public List<Review> reviewsOf(Actor actor, UUID contributionId) {
        visible(actor, contributionId);
        return reviews.ofContribution(contributionId);
    }

    /** Validators' agreement, named as the actor may see them (e-mails only of the actor's own organization). */
    public List<ValidatorStanding> standings(Actor actor, UUID dataNetId) {
        dataNets.get(actor, dataNetId);
        List<Object[]> rows = reviews.agreement(dataNetId);
        MemberNames.Names named =
                names.forViewer(actor, rows.stream().map(r -> (UUID) r[0]).toList());
        return rows.stream()
                .map(r -> new ValidatorStanding(
                        named.of((UUID) r[0]), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
                .toList();
    }

    /** Contributors' standings, best first, named as the actor may see them. */
    public List<ContributorStanding> leaderboard(Actor actor, UUID dataNetId) {
        dataNets.get(actor, dataNetId);
        List<Object[]> rows = contributions.leaderboard(dataNetId);
        MemberNames.Names named =
                names.forViewer(actor, rows.stream().map(r -> (UUID) r[0]).toList());
        return rows.stream()
                .map(r -> new ContributorStanding(
                        named.of((UUID) r[0]), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
                .toList();
    }

    /** A contribution the actor may see: their own, or any in a DataNet their organization curates. */
    public Contribution visible(Actor actor, UUID contributionId) {
        Contribution contribution = contributions
                .find(contributionId)
                .orElseThrow(() -> new NotFound("No contribution " + contributionId + "."));
        if (contribution.getContributor().memberId().equals(actor.memberId())) {
            return contribution;
        }
        DataNet dataNet;
        try {
            dataNet = dataNets.get(actor, contribution.getDataNetId());
        } catch (NotFound e) {
            throw new NotFound("No contribution " + contributionId + ".");
        }
        if (!mayValidate(actor, dataNet) && !dataNets.isOwner(actor, dataNet)) {
            throw new NotFound("No contribution " + contributionId + ".");
        }
        return contribution;
    }

    /** Validators of the owner's organization, or of any organization when the DataNet's policy says so. */
    public boolean mayValidate(Actor actor, DataNet dataNet) {
        return actor.has(Role.VALIDATOR)
                && actor.memberId() != null
                && (dataNet.isOwnedBy(actor.tenantId())
                        || dataNet.reviewPolicy().pool() == ValidatorPool.ANY_ORGANIZATION);
    }

    private void requireValidator(Actor actor, DataNet dataNet, String action) {
        if (!mayValidate(actor, dataNet)) {
            audit.refused(actor, actor.tenantId(), action, dataNet.getId().toString(), Outcome.DENIED, "not validator");
            throw new AccessDenied("You are not a validator of this DataNet.");
        }
    }

    private void announce(DataNet dataNet, Contribution contribution, String outcome) {
        if (contribution.getStatus() == ContributionStatus.ESCALATED) {
            inbox.notify(
                    dataNet.getOwnerTenantId(),
                    dataNet.getOwnerMemberId(),
                    "Validators split on record #" + contribution.getPosition() + " in " + dataNet.getName()
                            + "; it needs your ruling.",
                    "/datanets/review.xhtml?id=" + dataNet.getId());
        }
        events.publish(new ContributionDecided(
                contribution.getId(),
                dataNet.getId(),
                dataNet.getName(),
                contribution.getPosition(),
                contribution.getContributor().tenantId(),
                contribution.getContributor().memberId(),
                contribution.getStatus(),
                outcome,
                Instant.now()));
    }

    private static Verdict verdict(InputCheck check, String verdict) {
        try {
            return Verdict.valueOf(verdict == null ? "" : verdict.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            check.fail("verdict", "The verdict must be approve or reject.");
            return null;
        }
    }
}
