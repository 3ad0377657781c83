package io.tributary.web.serving;

import io.tributary.application.serving.UsageReports;
import io.tributary.application.serving.UsageReports.Summary;
import io.tributary.application.serving.UsageReports.Total;
import io.tributary.persistence.tenancy.Role;
import io.tributary.web.security.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Serving → Usage: what the organization's models earned (per model, per day) for their owners, and what the
 * organization spent calling models (per API key and member).
 */
@Named
@RequestScoped
public class ServingUsage {

    @Inject
    UsageReports reports;

    @Inject
    CurrentActor actor;

    private Summary owner;
    private Summary caller;

    /** Whether the viewer may see the requests to the organization's models. */
    public boolean isModelOwner() {
        return actor.get().has(Role.MODEL_BUILDER) || actor.get().has(Role.ORG_ADMIN);
    }

    public Summary getOwner() {
        if (owner == null && isModelOwner()) {
            owner = reports.ownerSummary(actor.get());
        }
        return owner;
    }

    public Summary getCaller() {
        if (caller == null) {
            caller = reports.callerSummary(actor.get());
        }
        return caller;
    }

    /** A day's bar as a percentage of the busiest day's tokens, for the chart over time. */
    public int share(Summary summary, Total day) {
        long most = summary.days().stream().mapToLong(Total::tokens).max().orElse(0);
        return most == 0 ? 0 : (int) Math.max(1, Math.round(100.0 * day.tokens() / most));
    }
}
