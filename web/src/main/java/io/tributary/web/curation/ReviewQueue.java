package io.tributary.web.curation;

import io.tributary.application.curation.ReviewService;
import io.tributary.application.datanet.ContributionView;
import io.tributary.application.datanet.DataNetService;
import io.tributary.application.datanet.DataNetView;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
    CurrentActor actor;

    private String id;
    private DataNetView dataNet;
    private boolean validator;
    private boolean owner;
    private List<ContributionView> queue = List.of();
    private long waiting;
    private List<ContributionView> selected = new ArrayList<>();
    private final List<UUID> skipped = new ArrayList<>();
    private String reason;

    /** A validator works through the oldest records; one page of them is held at a time, the rest wait in the database. */
    private static final PageRequest WORKING_SET = new PageRequest(1, PageRequest.MAX_SIZE);

    public void load() throws IOException {
        dataNet = Feedback.load(id, dataNetId -> dataNets.view(actor.get(), dataNetId))
                .orElse(null);
        if (dataNet != null) {
            validator = reviews.mayValidate(actor.get(), dataNet.id());
            owner = dataNets.isOwner(actor.get(), dataNet.id());
            refresh();
        }
    }

    private void refresh() {
        if (!validator) {
            queue = List.of();
            waiting = 0;
            return;
        }
        Page<ContributionView> page = reviews.queue(actor.get(), dataNet.id(), WORKING_SET);
        waiting = page.total();
        queue = page.items().stream().filter(c -> !skipped.contains(c.id())).toList();
    }

    /** All records waiting for this validator, a page at a time, sortable by quality and age. */
    private final PagedTable<ContributionView> table = new PagedTable<>() {
        @Override
        protected Page<ContributionView> page(ListQuery query) {
            return validator ? reviews.queue(actor.get(), dataNet.id(), query) : new Page<>(List.of(), query.page(), 0);
        }

        @Override
        protected Columns columns() {
            return ReviewService.QUEUE;
        }

        @Override
        protected Object key(ContributionView row) {
            return row.id();
        }
    };

    public PagedTable<ContributionView> getWaiting() {
        return table;
    }

    public boolean isValidator() {
        return validator;
    }

    /** How many records wait for this validator in all. */
    public long getWaitingCount() {
        return waiting;
    }

    public ContributionView getCurrent() {
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
            skipped.add(getCurrent().id());
            refresh();
        }
    }

    private void decide(String verdict) {
        ContributionView current = getCurrent();
        if (current == null) {
            return;
        }
        Feedback.attempt(() -> reviews.review(actor.get(), current.id(), verdict, reason), "Recorded: " + verdict + ".")
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
        for (ContributionView c : selected) {
            if (Feedback.attempt(() -> reviews.review(actor.get(), c.id(), verdict, reason), null)
                    .isPresent()) {
                done++;
            }
        }
        int count = done;
        Feedback.attempt(() -> null, count + " of " + selected.size() + " records: " + verdict + ".");
        selected = new ArrayList<>();
        refresh();
    }

    private List<ContributionView> escalations;

    public List<ContributionView> getEscalations() {
        if (escalations == null) {
            escalations = owner
                    ? reviews.escalations(actor.get(), dataNet.id(), WORKING_SET)
                            .items()
                    : List.of();
        }
        return escalations;
    }

    public void rule(ContributionView contribution, String verdict) {
        Feedback.attempt(
                () -> reviews.rule(actor.get(), contribution.id(), verdict, reason), "Ruled: " + verdict + ".");
        escalations = null;
    }

    public List<ContributionView> getQueue() {
        return queue;
    }

    public DataNetView getDataNet() {
        return dataNet;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public List<ContributionView> getSelected() {
        return selected;
    }

    public void setSelected(List<ContributionView> selected) {
        this.selected = selected;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
