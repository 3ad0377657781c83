package io.tributary.web.rewards;

import io.tributary.application.rewards.EarningsService;
import io.tributary.application.rewards.Trib;
import io.tributary.application.tenancy.MembershipService;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.rewards.AccountEntry;
import io.tributary.persistence.rewards.Balance;
import io.tributary.persistence.tenancy.Member;
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

    public List<Balance> getBalances() {
        return actor.get().memberId() == null ? List.of() : earnings.earnings(actor.get());
    }

    private final PagedTable<AccountEntry> history = new PagedTable<>() {
        @Override
        protected Page<AccountEntry> page(PageRequest request) {
            return actor.get().memberId() == null
                    ? new Page<>(List.of(), request, 0)
                    : earnings.history(actor.get(), request);
        }

        @Override
        protected Object key(AccountEntry row) {
            return row.transferId() + ":" + row.amount();
        }
    };

    public PagedTable<AccountEntry> getHistory() {
        return history;
    }

    public Balance getTreasury() {
        return earnings.treasury(actor.get());
    }

    public List<Member> getMembers() {
        return membership.members(actor.get());
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
                            change.getStatus() == io.tributary.persistence.rewards.custody.WalletChangeStatus.APPLIED
                                    ? "Granted " + amount + " " + Trib.CURRENCY + "."
                                    : "Grant of " + amount + " " + Trib.CURRENCY + " requested: "
                                            + change.getWhyApproval()
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
