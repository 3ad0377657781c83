package io.tributary.web.admin;

import io.tributary.application.tenancy.MemberView;
import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantView;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.tenancy.TenantStatus;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** The admin console's tenants page: register, suspend, reactivate, and see usage. */
@Named
@ViewScoped
public class Tenants implements Serializable {

    @Inject
    transient TenantService tenants;

    @Inject
    CurrentActor actor;

    private String alias;
    private String name;
    private String reason;

    private final PagedTable<TenantView> table = new PagedTable<>() {
        @Override
        protected Page<TenantView> page(ListQuery query) {
            return tenants.overview(actor.get(), query);
        }

        @Override
        protected Columns columns() {
            return tenants.tenantColumns();
        }

        @Override
        protected Object key(TenantView row) {
            return row.id();
        }
    };

    public TenantStatus[] getStatuses() {
        return TenantStatus.values();
    }

    public PagedTable<TenantView> getTenants() {
        return table;
    }

    /** The first members of a tenant (by e-mail); the rest through the API's pages. */
    public List<MemberView> members(UUID tenantId) {
        return tenants.members(actor.get(), tenantId, new PageRequest(1, PageRequest.MAX_SIZE))
                .items();
    }

    public void register() {
        Feedback.attempt(() -> tenants.register(actor.get(), alias, name), "Registered " + name + ".")
                .ifPresent(t -> alias = name = null);
    }

    public void suspend(UUID id) {
        Feedback.attempt(() -> tenants.suspend(actor.get(), id, reason), "Suspended.")
                .ifPresent(t -> reason = null);
    }

    public void reactivate(UUID id) {
        Feedback.attempt(() -> tenants.reactivate(actor.get(), id), "Reactivated.");
    }

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
