package io.tributary.application.curation;

import io.tributary.application.Pages;
import io.tributary.application.events.EventObserver;
import io.tributary.application.tenancy.Inbox;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Tells contributors what became of their records. Idempotent: the notification is written in the delivery's
 * transaction, so it exists exactly when the delivery is recorded as done.
 */
@Stateless
public class DecisionNotices implements EventObserver<ContributionDecided> {

    @Inject
    Inbox inbox;

    @Override
    public void observe(ContributionDecided decided) {
        inbox.notify(
                decided.contributorTenantId(),
                decided.contributorMemberId(),
                "Your record #" + decided.position() + " in " + decided.dataNetName() + " was " + decided.outcome()
                        + ".",
                Pages.myContributions());
    }
}
