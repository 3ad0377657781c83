package io.tributary.application.curation;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.Pages;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.datanet.ContributionService;
import io.tributary.application.datanet.ContributionState;
import io.tributary.application.datanet.ContributionView;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.events.DomainEvents;
import io.tributary.application.tenancy.Inbox;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.audit.Outcome;
import io.tributary.persistence.curation.Review;
import io.tributary.persistence.curation.ReviewRepository;
import io.tributary.persistence.curation.ValidatorTally;
import io.tributary.persistence.curation.Verdict;
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
    ContributionService contributions;

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

    /** The columns a validator's queue sorts by. */
    public static final Columns QUEUE = ReviewRepository.QUEUE;

    /** The records this validator may vote on next, oldest first unless sorted otherwise. */
    public Page<ContributionView> queue(Actor actor, UUID dataNetId, ListQuery query) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        requireValidator(actor, dataNet, "review.queue");
        Page<UUID> waiting = reviews.waitingFor(dataNetId, actor.memberId(), QUEUE.accept(query));
        return waiting.withItems(contributions.views(actor, waiting.items()));
    }

    public Page<ContributionView> queue(Actor actor, UUID dataNetId, PageRequest page) {
        return queue(actor, dataNetId, ListQuery.of(page));
    }

    /** Records the validators escalated, for the DataNet's owner. */
    public Page<ContributionView> escalations(Actor actor, UUID dataNetId, PageRequest page) {
        DataNet dataNet = dataNets.get(actor, dataNetId);
        if (!dataNets.isOwner(actor, dataNet)) {
            throw new AccessDenied("Only the DataNet's owner sees its escalations.");
        }
        return contributions.withStatus(actor, dataNetId, ContributionStatus.ESCALATED, page);
    }

    public ContributionView review(Actor actor, UUID contributionId, String verdict, String reason) {
        ContributionState contribution = visible(actor, contributionId);
        DataNet dataNet = dataNets.get(actor, contribution.dataNetId());
        requireValidator(actor, dataNet, "review.vote");
        InputCheck check = new InputCheck();
        Verdict v = verdict(check, verdict);
        String why = check.text("reason", reason, 2000);
        check.done();
        // One person may hold memberships of several organizations: compare people, not memberships.
        if (reviews.samePerson(contribution.contributorMemberId(), actor.memberId())) {
            audit.refused(actor, actor.tenantId(), "review.vote", contributionId.toString(), Outcome.DENIED, "own");
            throw new AccessDenied("Nobody reviews their own contributions, from any of their organizations.");
        }
        if (contribution.status() != ContributionStatus.IN_REVIEW) {
            throw new Conflict("This record is "
                    + contribution.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " and takes no more votes.");
        }
        if (reviews.reviewedBy(contributionId, actor.memberId())) {
            throw new Conflict("You have already reviewed this record (as a member of this or another organization).");
        }
        reviews.add(
                new Review(contributionId, dataNet.getId(), actor.tenantId(), actor.memberId(), actor.name(), v, why));
        int approvals = contribution.approvals() + (v == Verdict.APPROVE ? 1 : 0);
        int rejections = contribution.rejections() + (v == Verdict.REJECT ? 1 : 0);
        ContributionStatus next = dataNet.reviewPolicy().decide(approvals, rejections);
        String outcome = switch (next) {
            case ACCEPTED -> "accepted by " + approvals + " validators";
            case REJECTED -> "rejected by " + rejections + " validators: " + why;
            case ESCALATED -> "escalated to the DataNet owner after a split vote";
            default -> null;
        };
        ContributionState decided = contributions.decide(contributionId, approvals, rejections, next, outcome);
        audit.changed(actor, actor.tenantId(), "review.vote", contributionId.toString(), v + ": " + why);
        if (next != ContributionStatus.IN_REVIEW) {
            announce(dataNet, decided, outcome);
        }
        return contributions.view(actor, contributionId);
    }

    /** The owner's ruling on an escalated record. */
    public ContributionView rule(Actor actor, UUID contributionId, String verdict, String reason) {
        ContributionState contribution = visible(actor, contributionId);
        DataNet dataNet = dataNets.get(actor, contribution.dataNetId());
        if (!dataNets.isOwner(actor, dataNet)) {
            audit.refused(actor, actor.tenantId(), "review.rule", contributionId.toString(), Outcome.DENIED, "owner");
            throw new AccessDenied("Only the DataNet's owner rules on escalated records.");
        }
        InputCheck check = new InputCheck();
        Verdict v = verdict(check, verdict);
        String why = check.text("reason", reason, 2000);
        check.done();
        if (contribution.status() != ContributionStatus.ESCALATED) {
            throw new Conflict("Only escalated records need the owner's ruling.");
        }
        if (reviews.samePerson(contribution.contributorMemberId(), actor.memberId())) {
            audit.refused(actor, actor.tenantId(), "review.rule", contributionId.toString(), Outcome.DENIED, "own");
            throw new AccessDenied(
                    "Nobody rules on their own record: another admin of the DataNet's organization does.");
        }
        ContributionStatus decided = v == Verdict.APPROVE ? ContributionStatus.ACCEPTED : ContributionStatus.REJECTED;
        String outcome =
                (decided == ContributionStatus.ACCEPTED ? "accepted" : "rejected") + " by the DataNet owner: " + why;
        ContributionState ruled = contributions.decide(
                contributionId, contribution.approvals(), contribution.rejections(), decided, outcome);
        audit.changed(actor, actor.tenantId(), "review.rule", contributionId.toString(), v + ": " + why);
        announce(dataNet, ruled, outcome);
        return contributions.view(actor, contributionId);
    }

    /** One review of a contribution, the validator named as the viewer may see them. */
    public record ReviewView(String validator, Verdict verdict, String reason, java.time.Instant at) {}

    /** A record's votes, oldest first (at most n of them, the review policy's). */
    public List<ReviewView> reviewsOf(Actor actor, UUID contributionId) {
        visible(actor, contributionId);
        List<Review> votes = reviews.ofContribution(contributionId);
        MemberNames.Names named = names.forViewer(
                actor, votes.stream().map(Review::getValidatorMemberId).toList());
        return votes.stream()
                .map(r -> new ReviewView(
                        named.of(r.getValidatorMemberId()), r.getVerdict(), r.getReason(), r.getCreatedAt()))
                .toList();
    }

    /** Validators' agreement, named as the actor may see them (e-mails only of the actor's own organization). */
    public List<ValidatorStanding> standings(Actor actor, UUID dataNetId) {
        dataNets.get(actor, dataNetId);
        List<ValidatorTally> rows = reviews.agreement(dataNetId);
        MemberNames.Names named = names.forViewer(
                actor, rows.stream().map(ValidatorTally::validatorMemberId).toList());
        return rows.stream()
                .map(r -> new ValidatorStanding(named.of(r.validatorMemberId()), r.decidedVotes(), r.agreed()))
                .toList();
    }

    /** A contribution the actor may see (see {@link #visible}), as pages and the API show it. */
    public ContributionView contribution(Actor actor, UUID contributionId) {
        visible(actor, contributionId);
        return contributions.view(actor, contributionId);
    }

    /** A contribution the actor may see: their own, or any in a DataNet their organization curates. */
    ContributionState visible(Actor actor, UUID contributionId) {
        ContributionState contribution = contributions
                .state(contributionId)
                .orElseThrow(() -> new NotFound("No contribution " + contributionId + "."));
        if (contribution.contributorMemberId().equals(actor.memberId())) {
            return contribution;
        }
        DataNet dataNet;
        try {
            dataNet = dataNets.get(actor, contribution.dataNetId());
        } catch (NotFound e) {
            throw new NotFound("No contribution " + contributionId + ".");
        }
        if (!mayValidate(actor, dataNet) && !dataNets.isOwner(actor, dataNet)) {
            throw new NotFound("No contribution " + contributionId + ".");
        }
        return contribution;
    }

    /** Validators of the owner's organization, or of any organization when the DataNet's policy says so. */
    public boolean mayValidate(Actor actor, UUID dataNetId) {
        return mayValidate(actor, dataNets.get(actor, dataNetId));
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

    private void announce(DataNet dataNet, ContributionState contribution, String outcome) {
        if (contribution.status() == ContributionStatus.ESCALATED) {
            inbox.notify(
                    dataNet.getOwnerTenantId(),
                    dataNet.getOwnerMemberId(),
                    "Validators split on record #" + contribution.position() + " in " + dataNet.getName()
                            + "; it needs your ruling.",
                    Pages.reviewQueue(dataNet.getId()));
        }
        events.publish(new ContributionDecided(
                contribution.id(),
                dataNet.getId(),
                dataNet.getName(),
                contribution.position(),
                contribution.contributorTenantId(),
                contribution.contributorMemberId(),
                contribution.status(),
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
