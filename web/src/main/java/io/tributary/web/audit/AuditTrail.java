package io.tributary.web.audit;

import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.audit.AuditEntry;
import io.tributary.web.security.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The audit log page (the organization's, or all of it in the admin console). */
@Named
@RequestScoped
public class AuditTrail {

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    private List<AuditEntry> entries;

    public List<AuditEntry> getEntries() {
        if (entries == null) {
            entries = audit.latest(actor.get(), 500);
        }
        return entries;
    }
}
