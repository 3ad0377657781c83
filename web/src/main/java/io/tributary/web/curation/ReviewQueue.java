package io.tributary.web.curation;

import io.tributary.application.curation.ReviewService;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.tenancy.MemberNames;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.DataNet;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A validator's review queue for one DataNet: the current record with its checks, approve / reject / skip (keys a, r,
 * s), bulk decisions on selected records, and the owner's escalations.
 */
@Named
@ViewScoped
public class ReviewQueue implements Serializable {

    @Inject
    transient ReviewService reviews;

    @Inject
    transient DataNetService dataNets;

    @Inject
    transient MemberNames names;

    @Inject
    CurrentActor actor;

    // Contributors' names as this validator may see them: e-mails of their own organization only.
    private Map<UUID, String> contributors = new HashMap<>();

    private String id;
    private DataNet dataNet;
    private List<Contribution> queue = List.of();
    private List<Contribution> selected = new ArrayList<>();
    private final List<UUID> skipped = new ArrayList<>();
    private String reason;

    /** A validator works through the oldest records; one page of them is held at a time, the rest wait in the database. */
    private static final PageRequest WORKING_SET = new PageRequest(1, PageRequest.MAX_SIZE);

    public void load() throws IOException {
        dataNet = Feedback.load(id, dataNetId -> dataNets.get(actor.get(), dataNetId))
                .orElse(null);
        if (dataNet != null) {
            refresh();
        }
    }

    private void refresh() {
        queue = reviews.mayValidate(actor.get(), dataNet)
                ? reviews.queue(actor.get(), dataNet.getId(), WORKING_SET).items().stream()
                        .filter(c -> !skipped.contains(c.getId()))
                        .toList()
                : List.of();
        MemberNames.Names named = names.forViewer(
                actor.get(),
                queue.stream().map(c -> c.getContributor().memberId()).toList());
        contributors = new HashMap<>();
        queue.forEach(c -> contributors.put(
                c.getContributor().memberId(), named.of(c.getContributor().memberId())));
    }

    /** Who contributed the record, as this validator may see them. */
    public String contributor(Contribution c) {
        return contributors.getOrDefault(c.getContributor().memberId(), MemberNames.FORMER_MEMBER);
    }

    public Contribution getCurrent() {
        return queue.isEmpty() ? null : queue.get(0);
    }

    public void approve() {
        decide("approve");
    }

    public void reject() {
        decide("reject");
    }

    public void skip() {
        if (getCurrent() != null) {
            skipped.add(getCurrent().getId());
            refresh();
        }
    }

    private void decide(String verdict) {
        Contribution current = getCurrent();
        if (current == null) {
            return;
        }
        Feedback.attempt(
                        () -> reviews.review(actor.get(), current.getId(), verdict, reason),
                        "Recorded: " + verdict + ".")
                .ifPresent(c -> reason = null);
        refresh();
    }

    public void approveSelected() {
        bulk("approve");
    }

    public void rejectSelected() {
        bulk("reject");
    }

    /** Each selected record is decided on its own, so one refusal does not undo the others. */
    private void bulk(String verdict) {
        int done = 0;
        for (Contribution c : selected) {
            if (Feedback.attempt(() -> reviews.review(actor.get(), c.getId(), verdict, reason), null)
                    .isPresent()) {
                done++;
            }
        }
        int count = done;
        Feedback.attempt(() -> null, count + " of " + selected.size() + " records: " + verdict + ".");
        selected = new ArrayList<>();
        refresh();
    }

    public List<Contribution> getEscalations() {
        return dataNets.isOwner(actor.get(), dataNet)
                ? reviews.escalations(actor.get(), dataNet.getId(), WORKING_SET).items()
                : List.of();
    }

    public void rule(Contribution contribution, String verdict) {
        Feedback.attempt(
                () -> reviews.rule(actor.get(), contribution.getId(), verdict, reason), "Ruled: " + verdict + ".");
    }

    public List<Contribution> getQueue() {
        return queue;
    }

    public DataNet getDataNet() {
        return dataNet;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public List<Contribution> getSelected() {
        return selected;
    }

    public void setSelected(List<Contribution> selected) {
        this.selected = selected;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
