package io.tributary.web.rewards;

import io.tributary.application.rewards.BalanceView;
import io.tributary.application.rewards.EarningsEntry;
import io.tributary.application.rewards.EarningsService;
import io.tributary.application.rewards.Trib;
import io.tributary.application.tenancy.MemberCard;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.Columns;
import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.rewards.CauseType;
import io.tributary.persistence.rewards.TransferStatus;
import io.tributary.web.security.CurrentActor;
import io.tributary.web.shell.Feedback;
import io.tributary.web.shell.PagedTable;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The wallet page: the member's earnings and history; for org admins the treasury and grants from it. */
@Named
@ViewScoped
public class Earnings implements Serializable {

    @Inject
    transient EarningsService earnings;

    @Inject
    transient MembershipService membership;

    @Inject
    CurrentActor actor;

    private String memberId;
    private String kind = "CONTRIBUTOR_EARNINGS";
    private BigDecimal amount;
    private String memo;

    public List<BalanceView> getBalances() {
        return actor.get().memberId() == null ? List.of() : earnings.earnings(actor.get());
    }

    private final PagedTable<EarningsEntry> history = new PagedTable<>() {
        @Override
        protected Page<EarningsEntry> page(ListQuery query) {
            return actor.get().memberId() == null
                    ? new Page<>(List.of(), query.page(), 0)
                    : earnings.history(actor.get(), query);
        }

        @Override
        protected Columns columns() {
            return earnings.historyColumns();
        }

        @Override
        protected Object key(EarningsEntry row) {
            return row.transferId() + ":" + row.amount();
        }
    };

    public CauseType[] getCauses() {
        return CauseType.values();
    }

    public TransferStatus[] getStatuses() {
        return TransferStatus.values();
    }

    public PagedTable<EarningsEntry> getHistory() {
        return history;
    }

    public BalanceView getTreasury() {
        return earnings.treasury(actor.get());
    }

    public List<MemberCard> getMembers() {
        return membership.cards(actor.get());
    }

    public void grant() {
        Feedback.attempt(
                        () -> earnings.grant(
                                actor.get(),
                                memberId == null || memberId.isBlank() ? null : UUID.fromString(memberId),
                                kind,
                                amount,
                                memo,
                                null),
                        null)
                .ifPresent(change -> {
                    Feedback.inform(
                            change.applied()
                                    ? "Granted " + amount + " " + Trib.CURRENCY + "."
                                    : "Grant of " + amount + " " + Trib.CURRENCY + " requested: "
                                            + change.whyApproval()
                                            + ", so a second org admin must approve it on Organization → Wallet.");
                    amount = null;
                    memo = null;
                });
    }

    public String getMemberId() {
        return memberId;
    }

    public void setMemberId(String memberId) {
        this.memberId = memberId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getMemo() {
        return memo;
    }

    public void setMemo(String memo) {
        this.memo = memo;
    }
}
