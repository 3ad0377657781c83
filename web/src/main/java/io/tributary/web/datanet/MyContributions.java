package io.tributary.web.datanet;

import io.tributary.application.datanet.ContributionService;
import io.tributary.application.tenancy.Inbox;
import io.tributary.persistence.datanet.Contribution;
import io.tributary.persistence.datanet.ContributionStatus;
import io.tributary.persistence.datanet.Upload;
import io.tributary.persistence.tenancy.Notification;
import io.tributary.web.security.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

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

    private List<Contribution> mine;

    public List<Contribution> getContributions() {
        if (mine == null) {
            mine = contributions.mine(actor.get(), 500);
        }
        return mine;
    }

    public List<Upload> getUploads() {
        return contributions.myUploads(actor.get(), 50);
    }

    public List<Notification> getNotifications() {
        return inbox.latest(actor.get());
    }

    /** Accepted among decided records, in percent; blocked and pending records do not count. */
    public String getAcceptanceRate() {
        long accepted = getContributions().stream()
                .filter(c -> c.getStatus() == ContributionStatus.ACCEPTED)
                .count();
        long decided = getContributions().stream()
                .filter(c -> c.getStatus().isDecided())
                .count();
        return decided == 0 ? "–" : Math.round(100.0 * accepted / decided) + "%";
    }

    public void markRead() {
        inbox.markAllRead(actor.get());
    }
}
