package io.tributary.web.datanet;

import io.tributary.application.datanet.ContributionService;
import io.tributary.application.datanet.ContributionView;
import io.tributary.application.datanet.UploadView;
import io.tributary.application.tenancy.Inbox;
import io.tributary.application.tenancy.NotificationView;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.datanet.ContributionStatus;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** A contributor's own page: their records with status, checks and reasons, their uploads, and notifications. */
@Named
@ViewScoped
public class MyContributions implements Serializable {

    @Inject
    transient ContributionService contributions;

    @Inject
    transient Inbox inbox;

    @Inject
    CurrentActor actor;

    private final PagedTable<ContributionView> mine = new PagedTable<>() {
        @Override
        protected Page<ContributionView> page(ListQuery query) {
            return contributions.mine(actor.get(), query);
        }

        @Override
        protected Columns columns() {
            return ContributionService.MINE;
        }

        @Override
        protected Object key(ContributionView row) {
            return row.id();
        }
    };

    private final PagedTable<UploadView> uploads = new PagedTable<>() {
        @Override
        protected Page<UploadView> page(ListQuery query) {
            return contributions.myUploads(actor.get(), query);
        }

        @Override
        protected Columns columns() {
            return ContributionService.MY_UPLOADS;
        }

        @Override
        protected Object key(UploadView row) {
            return row.id();
        }
    };

    public PagedTable<ContributionView> getContributions() {
        return mine;
    }

    public PagedTable<UploadView> getUploads() {
        return uploads;
    }

    /** The statuses the records table filters by. */
    public ContributionStatus[] getStatuses() {
        return ContributionStatus.values();
    }

    public List<NotificationView> getNotifications() {
        return inbox.latest(actor.get());
    }

    /** Accepted among decided records, in percent; blocked and pending records do not count. */
    public String getAcceptanceRate() {
        long[] counts = contributions.decided(actor.get());
        long accepted = counts[0];
        long decided = counts[1];
        return decided == 0 ? "–" : Math.round(100.0 * accepted / decided) + "%";
    }

    public void markRead() {
        inbox.markAllRead(actor.get());
    }
}
