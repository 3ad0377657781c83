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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private transient List<OrganizationRow> rows;
    private final Map<UUID, Integer> requestsPerMinute = new HashMap<>();
    private final Map<UUID, Integer> tokensPerMinute = new HashMap<>();
    private final Map<UUID, Long> monthlyTokenQuota = new HashMap<>();
    private final Map<UUID, Integer> queueBound = new HashMap<>();
    private final Map<UUID, String> names = new HashMap<>();

    /** One organization's limits and this month's use, as the table shows them. */
    public record OrganizationRow(String organization, String alias, LimitsView limits) {}

    public List<OrganizationRow> getRows() {
        if (rows == null) {
            rows = tenants.overview(actor.get()).stream()
                    .sorted(Comparator.comparing(TenantView::name, String.CASE_INSENSITIVE_ORDER))
                    .map(t -> new OrganizationRow(t.name(), t.alias(), metering.limits(actor.get(), t.id())))
                    .toList();
            for (OrganizationRow row : rows) {
                UUID id = row.limits().tenantId();
                requestsPerMinute.put(id, row.limits().requestsPerMinute());
                tokensPerMinute.put(id, row.limits().tokensPerMinute());
                monthlyTokenQuota.put(id, row.limits().monthlyTokenQuota());
                queueBound.put(id, row.limits().queueBound());
                names.put(id, row.organization());
            }
        }
        return rows;
    }

    public void save(UUID tenantId) {
        Long quota = monthlyTokenQuota.get(tenantId);
        Feedback.attempt(
                () -> metering.setLimits(
                        actor.get(),
                        tenantId,
                        orMinusOne(requestsPerMinute.get(tenantId)),
                        orMinusOne(tokensPerMinute.get(tenantId)),
                        quota == null ? -1 : quota,
                        orMinusOne(queueBound.get(tenantId))),
                "Serving limits saved for " + names.get(tenantId) + ".");
        rows = null;
    }

    // An emptied field becomes -1, which the service refuses with a message naming the field.
    private static int orMinusOne(Integer value) {
        return value == null ? -1 : value;
    }

    public Map<UUID, Integer> getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public Map<UUID, Integer> getTokensPerMinute() {
        return tokensPerMinute;
    }

    public Map<UUID, Long> getMonthlyTokenQuota() {
        return monthlyTokenQuota;
    }

    public Map<UUID, Integer> getQueueBound() {
        return queueBound;
    }
}
