package io.tributary.web.rewards;

import io.tributary.application.rewards.Settlements;
import io.tributary.application.rewards.Settlements.PositionView;
import io.tributary.application.rewards.Settlements.SettlementView;
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

/** The wallets page's settlement section: unsettled positions, settlements sent or waiting, and "Settle now". */
@Named
@ViewScoped
public class SettlementBoard implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Settlements settlements;

    @Inject
    CurrentActor actor;

    private List<PositionView> positions;

    private final PagedTable<SettlementView> sent = new PagedTable<>() {
        @Override
        protected Page<SettlementView> page(PageRequest request) {
            return settlements.page(actor.get(), request);
        }

        @Override
        protected Object key(SettlementView row) {
            return row.id();
        }
    };

    public List<PositionView> getPositions() {
        if (positions == null) {
            positions = settlements.positions(actor.get());
        }
        return positions;
    }

    public PagedTable<SettlementView> getSettlements() {
        return sent;
    }

    /** Nets what is owed now and queues the transfers, instead of waiting for the schedule. */
    public void settle() {
        Feedback.attempt(() -> settlements.settle(actor.get()), "Settled.").ifPresent(queued -> {
            positions = null;
            Feedback.inform(
                    queued.isEmpty()
                            ? "Nothing to settle between organizations with wallets right now."
                            : queued.size() + " settlement transfer(s) queued.");
        });
    }
}
