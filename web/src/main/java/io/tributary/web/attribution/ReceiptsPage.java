package io.tributary.web.attribution;

import io.tributary.application.attribution.ReceiptService;
import io.tributary.application.attribution.ReceiptViews.ReceiptSummary;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The receipts list: the organization's inferences, and the receipts that paid the member. */
@Named
@ViewScoped
public class ReceiptsPage implements Serializable {

    @Inject
    transient ReceiptService receipts;

    @Inject
    CurrentActor actor;

    private final PagedTable<ReceiptSummary> table = new PagedTable<>() {
        @Override
        protected Page<ReceiptSummary> page(PageRequest request) {
            return receipts.receipts(actor.get(), request);
        }

        @Override
        protected Object key(ReceiptSummary row) {
            return row.id();
        }
    };

    public PagedTable<ReceiptSummary> getTable() {
        return table;
    }
}
