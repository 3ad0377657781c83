package io.tributary.web.audit;

import io.tributary.application.audit.AuditLog;
import io.tributary.application.audit.AuditView;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.PagedTable;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/** The audit log page (the organization's, or all of it in the admin console). */
@Named
@RequestScoped
public class AuditTrail {

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    private final PagedTable<AuditView> entries = new PagedTable<>() {
        @Override
        protected Page<AuditView> page(PageRequest request) {
            return page(request, Map.of());
        }

        @Override
        protected Page<AuditView> page(PageRequest request, Map<String, String> filters) {
            return audit.latest(actor.get(), filters.get("actor"), filters.get("action"), request);
        }

        @Override
        protected Object key(AuditView row) {
            return row.id();
        }
    };

    public PagedTable<AuditView> getEntries() {
        return entries;
    }
}
