package io.tributary.web.serving;

import io.tributary.application.serving.Metering;
import io.tributary.application.serving.ServingViews.LimitsView;
import io.tributary.application.tenancy.TenantService;
import io.tributary.application.tenancy.TenantView;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** Admin → Serving limits: platform staff set each organization's requests and tokens per minute and monthly quota. */
@Named
@ViewScoped
public class ServingLimitsPage implements Serializable {

    @Inject
    transient Metering metering;

    @Inject
    transient TenantService tenants;

    @Inject
    CurrentActor actor;

    private UUID tenantId;
    private Integer requestsPerMinute;
    private Integer tokensPerMinute;
    private Long monthlyTokenQuota;
    private Integer queueBound;
    private transient LimitsView current;

    public List<TenantView> getTenants() {
        return tenants.overview(actor.get());
    }

    /** Shows the chosen organization's limits and this month's use, and fills the form with them. */
    public void choose() {
        current = null;
        if (tenantId == null) {
            return;
        }
        Feedback.attempt(() -> metering.limits(actor.get(), tenantId), null).ifPresent(this::fill);
    }

    public void save() {
        Feedback.attempt(
                        () -> metering.setLimits(
                                actor.get(),
                                tenantId,
                                requestsPerMinute == null ? -1 : requestsPerMinute,
                                tokensPerMinute == null ? -1 : tokensPerMinute,
                                monthlyTokenQuota == null ? -1 : monthlyTokenQuota,
                                queueBound == null ? -1 : queueBound),
                        "The organization's serving limits are saved.")
                .ifPresent(this::fill);
    }

    private void fill(LimitsView limits) {
        current = limits;
        requestsPerMinute = limits.requestsPerMinute();
        tokensPerMinute = limits.tokensPerMinute();
        monthlyTokenQuota = limits.monthlyTokenQuota();
        queueBound = limits.queueBound();
    }

    public LimitsView getCurrent() {
        return current;
    }

    /** The chosen organization's id as the menu holds it (text). */
    public String getTenantId() {
        return tenantId == null ? null : tenantId.toString();
    }

    public void setTenantId(String tenantId) {
        try {
            this.tenantId = tenantId == null || tenantId.isBlank() ? null : UUID.fromString(tenantId);
        } catch (IllegalArgumentException e) {
            this.tenantId = null;
        }
    }

    public Integer getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(Integer v) {
        this.requestsPerMinute = v;
    }

    public Integer getTokensPerMinute() {
        return tokensPerMinute;
    }

    public void setTokensPerMinute(Integer v) {
        this.tokensPerMinute = v;
    }

    public Long getMonthlyTokenQuota() {
        return monthlyTokenQuota;
    }

    public void setMonthlyTokenQuota(Long v) {
        this.monthlyTokenQuota = v;
    }

    public Integer getQueueBound() {
        return queueBound;
    }

    public void setQueueBound(Integer v) {
        this.queueBound = v;
    }
}
