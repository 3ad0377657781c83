package io.tributary.application.attribution;

import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.InputCheck;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.factory.TrainedRuns;
import io.tributary.application.factory.TrainedRuns.PublishedVersion;
import io.tributary.application.serving.Metering;
import io.tributary.persistence.attribution.AttributionRepository;
import io.tributary.persistence.attribution.FeeSplit;
import io.tributary.persistence.attribution.PayeeRole;
import io.tributary.persistence.attribution.Shares;
import io.tributary.persistence.attribution.SplitBounds;
import io.tributary.persistence.tenancy.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Each published model version's public fee split: what share of every charge goes to data contributors,
 * validators, the model owner and the platform, in basis points summing to 10,000. The owner's model builders choose
 * it within the bounds platform staff set; it is fixed once the version has served, so every receipt of a version is
 * split alike. Anyone may read a split (it is shown with the model, in receipts and in {@code /v1/models}).
 */
@Stateless
public class FeeSplitService {

    /** A version's split; {@code chosen} is false while the defaults apply. */
    public record SplitView(
            UUID modelVersionId,
            int contributorsBp,
            int validatorsBp,
            int ownerBp,
            int platformBp,
            boolean chosen,
            Instant fixedAt) {

        static SplitView of(UUID versionId, Shares s, boolean chosen, Instant fixedAt) {
            return new SplitView(versionId, s.contributors(), s.validators(), s.owner(), s.platform(), chosen, fixedAt);
        }

        public boolean fixed() {
            return fixedAt != null;
        }

        public Shares shares() {
            return new Shares(contributorsBp, validatorsBp, ownerBp, platformBp);
        }
    }

    /** The lowest and highest share staff allow per role, in basis points. */
    public record BoundsView(Shares min, Shares max, Shares defaults) {}

    @Inject
    AttributionRepository repository;

    @Inject
    TrainedRuns runs;

    @Inject
    AuditLog audit;

    @Inject
    Metering metering;

    /** The version's split as it stands (the defaults until its owner chooses); for pages, the API and serving. */
    public SplitView of(UUID modelVersionId) {
        return repository
                .split(modelVersionId)
                .map(s -> SplitView.of(modelVersionId, s.getShares(), true, s.getFixedAt()))
                .orElseGet(() -> SplitView.of(modelVersionId, Shares.DEFAULT, false, null));
    }

    /** A published version's split; an unknown version is not found. */
    public SplitView view(Actor actor, UUID modelVersionId) {
        actor.requireTenant();
        if (runs.version(modelVersionId).isEmpty()) throw new NotFound("No model version " + modelVersionId + ".");
        return of(modelVersionId);
    }

    /** The owner's model builder chooses the version's split, within staff's bounds, until the version first serves. */
    public SplitView choose(Actor actor, UUID modelVersionId, Shares shares) {
        audit.demand(actor, Role.MODEL_BUILDER, "attribution.split.set", String.valueOf(modelVersionId));
        UUID tenant = actor.requireTenant();
        PublishedVersion version = runs.version(modelVersionId)
                .filter(v -> v.tenantId().equals(tenant))
                .orElseThrow(() -> new NotFound("No model version " + modelVersionId + "."));
        check(shares, repository.bounds());
        FeeSplit split = repository.splitForUpdate(modelVersionId).orElse(null);
        // Charged calls wait for attribution in the outbox: the split they were charged under must be the one that
        // pays them, so the first recorded call fixes it, not the first receipt.
        if ((split != null && split.getFixedAt() != null)
                || repository.hasServed(modelVersionId)
                || metering.answered(modelVersionId)) {
            throw new Conflict("Version " + version.version() + " of " + version.name()
                    + " has already served: its split is fixed. Publish a new version to change it.");
        }
        if (split == null) {
            repository.add(new FeeSplit(modelVersionId, tenant, shares, actor.name()));
        } else {
            split.change(shares, actor.name());
        }
        audit.changed(actor, tenant, "attribution.split.set", modelVersionId.toString(), describe(shares));
        return SplitView.of(modelVersionId, shares, true, null);
    }

    public BoundsView bounds() {
        SplitBounds b = repository.bounds();
        return new BoundsView(b.min(), b.max(), Shares.DEFAULT);
    }

    /** Platform staff set the bounds; splits already chosen stay as they are (they were within the bounds of then). */
    public BoundsView setBounds(Actor staff, Shares min, Shares max) {
        audit.demand(staff, Role.PLATFORM_ADMIN, "attribution.bounds.set", "split-bounds");
        InputCheck check = new InputCheck();
        if (min == null || max == null) {
            check.fail("bounds", "Give the lowest and the highest share of each role.");
            check.done();
        }
        for (PayeeRole role : PayeeRole.values()) {
            int lo = min.of(role);
            int hi = max.of(role);
            if (lo < 0 || hi > Shares.WHOLE || lo > hi) {
                check.fail(
                        field(role),
                        "The " + label(role) + " share's bounds must satisfy 0 ≤ lowest ≤ highest ≤ 10,000 basis"
                                + " points.");
            } else if (Shares.DEFAULT.of(role) < lo || Shares.DEFAULT.of(role) > hi) {
                check.fail(
                        field(role),
                        "The bounds must keep the default " + label(role) + " share of " + Shares.DEFAULT.of(role)
                                + " basis points.");
            }
        }
        check.done();
        SplitBounds bounds = repository.boundsForUpdate();
        bounds.change(min, max, staff.name());
        audit.changed(staff, null, "attribution.bounds.set", "split-bounds", describe(min) + " .. " + describe(max));
        return bounds();
    }

    /**
     * The split of a version serving now, fixed from now on (created with the defaults when its owner chose none).
     * Runs in the caller's transaction, which writes the receipt.
     */
    public Shares fixForServing(UUID modelVersionId, UUID ownerTenantId) {
        FeeSplit split = repository.splitForUpdate(modelVersionId).orElse(null);
        if (split == null) {
            split = new FeeSplit(modelVersionId, ownerTenantId, Shares.DEFAULT, "default");
            repository.add(split);
        }
        split.fix();
        return split.getShares();
    }

    private static void check(Shares shares, SplitBounds bounds) {
        InputCheck check = new InputCheck();
        if (shares == null) {
            check.fail("split", "Give the four shares in basis points.");
            check.done();
        }
        for (PayeeRole role : PayeeRole.values()) {
            int share = shares.of(role);
            int lo = bounds.min().of(role);
            int hi = bounds.max().of(role);
            if (share < lo || share > hi) {
                check.fail(
                        field(role),
                        "The " + label(role) + " share must be between " + lo + " and " + hi
                                + " basis points (platform staff set these bounds).");
            }
        }
        if (shares.sum() != Shares.WHOLE) {
            check.fail(
                    "split",
                    "The four shares must sum to 10,000 basis points (100%); they sum to " + shares.sum() + ".");
        }
        check.done();
    }

    static String field(PayeeRole role) {
        return switch (role) {
            case CONTRIBUTOR -> "contributorsBp";
            case VALIDATOR -> "validatorsBp";
            case MODEL_OWNER -> "ownerBp";
            case PLATFORM -> "platformBp";
        };
    }

    static String label(PayeeRole role) {
        return switch (role) {
            case CONTRIBUTOR -> "contributors'";
            case VALIDATOR -> "validators'";
            case MODEL_OWNER -> "model owner's";
            case PLATFORM -> "platform's";
        };
    }

    static String describe(Shares s) {
        return String.format(
                Locale.ROOT,
                "contributors %d, validators %d, owner %d, platform %d (bp)",
                s.contributors(),
                s.validators(),
                s.owner(),
                s.platform());
    }
}
