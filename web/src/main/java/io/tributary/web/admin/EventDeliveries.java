package io.tributary.web.admin;

import io.tributary.application.events.DeliveryView;
import io.tributary.application.events.EventLog;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Admin → Events: every event delivery, pending, delivered or failed with its error; failed ones retried on demand. */
@Named
@ViewScoped
public class EventDeliveries implements Serializable {

    @Inject
    transient EventLog events;

    @Inject
    CurrentActor actor;

    private final PagedTable<DeliveryView> deliveries = new Table();

    public PagedTable<DeliveryView> getDeliveries() {
        return deliveries;
    }

    public List<String> getTypes() {
        return events.types(actor.get());
    }

    public List<String> getStatuses() {
        return List.of("PENDING", "FAILED", "DELIVERED");
    }

    public void retry(DeliveryView delivery) {
        Feedback.attempt(
                () -> events.retry(actor.get(), delivery.id()),
                "Retrying " + delivery.type() + " for " + delivery.observer() + " now.");
    }

    /** Loads through the service on each page; kept with the view so its paging survives the retry's postback. */
    private class Table extends PagedTable<DeliveryView> implements Serializable {
        @Override
        protected Page<DeliveryView> page(PageRequest request) {
            return page(request, Map.of());
        }

        @Override
        protected Page<DeliveryView> page(PageRequest request, Map<String, String> filters) {
            return events.deliveries(actor.get(), filters.get("type"), filters.get("status"), request);
        }

        @Override
        protected Object key(DeliveryView row) {
            return row.id();
        }
    }
}
