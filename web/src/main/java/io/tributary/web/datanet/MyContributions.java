package io.tributary.web.datanet;

import io.tributary.application.datanet.ContributionService;
import io.tributary.application.tenancy.Inbox;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionStatus;
import io.tributary.persistence.datanet.Upload;
import io.tributary.persistence.tenancy.Notification;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.PagedTable;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/** A contributor's own page: their records with status, checks and reasons, their uploads, and notifications. */
@Named
@RequestScoped
public class MyContributions {

    @Inject
    ContributionService contributions;

    @Inject
    Inbox inbox;

    @Inject
    CurrentActor actor;

    private final PagedTable<Contribution> mine = new PagedTable<>() {
        @Override
        protected Page<Contribution> page(PageRequest request) {
            return page(request, Map.of());
        }

        @Override
        protected Page<Contribution> page(PageRequest request, Map<String, String> filters) {
            ContributionStatus status = null;
            if (filters.containsKey("status")) {
                try {
                    status = ContributionStatus.valueOf(filters.get("status").toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    return new Page<>(List.of(), request, 0);
                }
            }
            return contributions.mine(actor.get(), status, request);
        }

        @Override
        protected Object key(Contribution row) {
            return row.getId();
        }
    };

    private final PagedTable<Upload> uploads = new PagedTable<>() {
        @Override
        protected Page<Upload> page(PageRequest request) {
            return contributions.myUploads(actor.get(), request);
        }

        @Override
        protected Object key(Upload row) {
            return row.getId();
        }
    };

    public PagedTable<Contribution> getContributions() {
        return mine;
    }

    public PagedTable<Upload> getUploads() {
        return uploads;
    }

    public List<Notification> getNotifications() {
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
