package io.tributary.web.attribution;

import io.tributary.application.attribution.FeeSplitService;
import io.tributary.application.attribution.FeeSplitService.BoundsView;
import io.tributary.application.attribution.FeeSplitService.SplitView;
import io.tributary.persistence.attribution.Shares;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.UUID;

/** A published model version's fee split: shown to its builders, and chosen by them until the version first serves. */
@Named
@ViewScoped
public class SplitPage implements Serializable {

    @Inject
    transient FeeSplitService splits;

    @Inject
    CurrentActor actor;

    private String id;
    private SplitView split;
    private int contributors;
    private int validators;
    private int owner;
    private int platform;

    public void load() throws java.io.IOException {
        Feedback.load(id, versionId -> splits.view(actor.get(), versionId)).ifPresent(this::show);
    }

    private void show(SplitView s) {
        split = s;
        contributors = s.contributorsBp();
        validators = s.validatorsBp();
        owner = s.ownerBp();
        platform = s.platformBp();
    }

    public void save() {
        Feedback.attempt(
                        () -> splits.choose(
                                actor.get(),
                                UUID.fromString(id),
                                new Shares(contributors, validators, owner, platform)),
                        "The split is saved; it applies to this version's next answers.")
                .ifPresent(this::show);
    }

    /** "50 / 10 / 30 / 10 %" for a version's split: contributors, validators, owner, platform. */
    public String summary(UUID versionId) {
        SplitView s = splits.of(versionId);
        return s.contributorsBp() / 100.0 + " / " + s.validatorsBp() / 100.0 + " / " + s.ownerBp() / 100.0 + " / "
                + s.platformBp() / 100.0 + " %";
    }

    public BoundsView getBounds() {
        return splits.bounds();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public SplitView getSplit() {
        return split;
    }

    public int getContributors() {
        return contributors;
    }

    public void setContributors(int contributors) {
        this.contributors = contributors;
    }

    public int getValidators() {
        return validators;
    }

    public void setValidators(int validators) {
        this.validators = validators;
    }

    public int getOwner() {
        return owner;
    }

    public void setOwner(int owner) {
        this.owner = owner;
    }

    public int getPlatform() {
        return platform;
    }

    public void setPlatform(int platform) {
        this.platform = platform;
    }
}
