package io.tributary.web.rewards;

import io.tributary.application.rewards.PayoutDetail;
import io.tributary.application.rewards.Trib;
import io.tributary.application.rewards.WalletView;
import io.tributary.persistence.rewards.custody.ChainDeposit;
import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.custody.ReconciliationAlert;
import io.tributary.persistence.rewards.custody.WalletChange;
import io.tributary.persistence.rewards.custody.WalletChangeKind;
import io.tributary.persistence.rewards.custody.WithdrawalAddress;
import io.tributary.persistence.rewards.custody.WithdrawalPolicy;
import io.tributary.persistence.rewards.payout.PayoutLine;
import io.tributary.persistence.rewards.payout.PayoutRun;
import io.tributary.persistence.rewards.payout.PayoutRunBatch;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * How the API and the pages show wallets, payouts and chain transactions: amounts in base units (integers) with a
 * {@code ...Trib} (or {@code ...Eth}) string beside them for people. Built field by field, so a transaction's signed
 * bytes never leave the server.
 */
public final class WalletViews {

    private WalletViews() {}

    /** An organization's wallet: ledger and on-chain figures, policy and reconciliation. */
    public record WalletSummary(
            UUID id,
            String address,
            BigInteger ledgerHoldings,
            String ledgerHoldingsTrib,
            BigInteger treasury,
            String treasuryTrib,
            BigInteger chainBalance,
            String chainBalanceTrib,
            BigInteger gasBalanceWei,
            String gasBalanceEth,
            Long confirmedBlock,
            String chainProblem,
            PolicyView policy,
            boolean frozen,
            String frozenReason,
            Instant reconciledAt,
            Long reconciledBlock,
            Boolean reconciledOk) {
        public static WalletSummary of(WalletView w) {
            return new WalletSummary(
                    w.id(),
                    w.address(),
                    w.ledgerHoldings(),
                    Trib.format(w.ledgerHoldings()),
                    w.treasury(),
                    Trib.format(w.treasury()),
                    w.chainBalance(),
                    w.chainBalance() == null ? null : Trib.format(w.chainBalance()),
                    w.gasBalanceWei(),
                    w.gasBalanceWei() == null ? null : Trib.formatEther(w.gasBalanceWei()),
                    w.confirmedBlock(),
                    w.chainProblem(),
                    PolicyView.of(w.policy()),
                    w.frozen(),
                    w.frozenReason(),
                    w.reconciledAt(),
                    w.reconciledBlock(),
                    w.reconciledOk());
        }
    }

    /** A withdrawal policy. */
    public record PolicyView(
            BigInteger dailyLimit,
            String dailyLimitTrib,
            BigInteger approvalThreshold,
            String approvalThresholdTrib,
            BigInteger payoutMinimum,
            String payoutMinimumTrib,
            int coolingOffHours,
            boolean scheduledPayouts) {
        public static PolicyView of(WithdrawalPolicy p) {
            return p == null
                    ? null
                    : new PolicyView(
                            p.dailyLimit(),
                            Trib.format(p.dailyLimit()),
                            p.approvalThreshold(),
                            Trib.format(p.approvalThreshold()),
                            p.payoutMinimum(),
                            Trib.format(p.payoutMinimum()),
                            p.coolingOffHours(),
                            p.scheduledPayouts());
        }
    }

    /** A withdrawal policy change or treasury grant: applied, or waiting for a second org admin and the cooling-off. */
    public record ChangeView(
            UUID id,
            String kind,
            String status,
            String requestedBy,
            String whyApproval,
            PolicyView policy,
            UUID grantee,
            String granteeEmail,
            String accountKind,
            BigInteger amount,
            String amountTrib,
            String memo,
            String decidedBy,
            Instant decidedAt,
            Instant effectiveAt,
            Instant appliedAt,
            String note,
            Instant createdAt) {
        public static ChangeView of(WalletChange c) {
            boolean policy = c.getKind() == WalletChangeKind.POLICY;
            return new ChangeView(
                    c.getId(),
                    c.getKind().name(),
                    c.getStatus().name(),
                    c.getRequestedBy(),
                    c.getWhyApproval(),
                    policy ? PolicyView.of(c.policy()) : null,
                    c.getGrantee(),
                    c.getGranteeEmail(),
                    c.getAccountKind(),
                    c.getAmount(),
                    c.getAmount() == null ? null : Trib.format(c.getAmount()),
                    c.getMemo(),
                    c.getDecidedBy(),
                    c.getDecidedAt(),
                    c.getEffectiveAt(),
                    c.getAppliedAt(),
                    c.getNote(),
                    c.getCreatedAt());
        }

        /** What the change does, in one line for the wallet page. */
        public String summary() {
            return policy != null
                    ? "Policy: daily limit " + policy.dailyLimitTrib() + ", approval above "
                            + policy.approvalThresholdTrib() + ", minimum " + policy.payoutMinimumTrib()
                            + ", cooling-off " + policy.coolingOffHours() + " h"
                    : "Grant of " + amountTrib + " TRIB to " + granteeEmail + ": " + memo;
        }
    }

    /** A transaction the wallet signs, without its signed bytes. */
    public record TransactionView(
            UUID id,
            String purpose,
            String status,
            Long nonce,
            String txHash,
            Long blockNumber,
            BigInteger gasUsed,
            BigInteger gasCostWei,
            String gasCostEth,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant finishedAt,
            String explorerUrl) {
        public static TransactionView of(ChainTransaction t, Function<String, String> explorer) {
            return new TransactionView(
                    t.getId(),
                    t.getPurpose().name(),
                    t.getStatus().name(),
                    t.getNonce(),
                    t.getTxHash(),
                    t.getBlockNumber(),
                    t.getGasUsed(),
                    t.getGasCostWei(),
                    t.getGasCostWei() == null ? null : Trib.formatEther(t.getGasCostWei()),
                    t.getAttempts(),
                    t.getLastError(),
                    t.getCreatedAt(),
                    t.getFinishedAt(),
                    t.getTxHash() == null ? null : explorer.apply(t.getTxHash()));
        }

        /** The hash shortened for a table cell: 0x1234…abcd. */
        public String shortHash() {
            return shorten(txHash);
        }
    }

    /** A token transfer into the wallet, credited to the treasury after its confirmations. */
    public record DepositView(
            String txHash,
            int logIndex,
            String fromAddress,
            BigInteger amount,
            String amountTrib,
            long blockNumber,
            Instant creditedAt,
            String explorerUrl) {
        public static DepositView of(ChainDeposit d, Function<String, String> explorer) {
            return new DepositView(
                    d.getTxHash(),
                    d.getLogIndex(),
                    d.getFromAddress(),
                    d.getAmount(),
                    Trib.format(d.getAmount()),
                    d.getBlockNumber(),
                    d.getCreditedAt(),
                    explorer.apply(d.getTxHash()));
        }

        public String shortHash() {
            return shorten(txHash);
        }
    }

    /** A payout run. */
    public record RunView(
            UUID id,
            String kind,
            String status,
            BigInteger minimum,
            String minimumTrib,
            BigInteger total,
            String totalTrib,
            int recipients,
            String requestedBy,
            String approvedBy,
            String note,
            Instant createdAt,
            Instant decidedAt,
            Instant finishedAt) {
        public static RunView of(PayoutRun r) {
            return new RunView(
                    r.getId(),
                    r.getKind().name(),
                    r.getStatus().name(),
                    r.getMinimum(),
                    Trib.format(r.getMinimum()),
                    r.getTotal(),
                    Trib.format(r.getTotal()),
                    r.getRecipients(),
                    r.getRequestedBy(),
                    r.getApprovedBy(),
                    r.getNote(),
                    r.getCreatedAt(),
                    r.getDecidedAt(),
                    r.getFinishedAt());
        }
    }

    /** One member's share of a run. */
    public record LineView(
            UUID memberId, String member, String address, BigInteger amount, String amountTrib, UUID batchId) {
        public static LineView of(PayoutLine l, Map<UUID, String> emails) {
            return new LineView(
                    l.getMemberId(),
                    emails.get(l.getMemberId()),
                    l.getAddress(),
                    l.getAmount(),
                    Trib.format(l.getAmount()),
                    l.getBatchId());
        }
    }

    /** One batch of a run and the transaction carrying it. */
    public record BatchView(
            UUID id,
            int sequence,
            int recipients,
            BigInteger total,
            String totalTrib,
            String batchKey,
            TransactionView transaction) {
        public static BatchView of(PayoutRunBatch b, ChainTransaction t, Function<String, String> explorer) {
            return new BatchView(
                    b.getId(),
                    b.getSequence(),
                    b.getRecipients(),
                    b.getTotal(),
                    Trib.format(b.getTotal()),
                    b.getBatchKey(),
                    TransactionView.of(t, explorer));
        }
    }

    /** A run with its lines and batches. */
    public record RunDetail(RunView run, List<LineView> lines, List<BatchView> batches) {
        public static RunDetail of(PayoutDetail d, Map<UUID, String> emails, Function<String, String> explorer) {
            return new RunDetail(
                    RunView.of(d.run()),
                    d.lines().stream().map(l -> LineView.of(l, emails)).toList(),
                    d.batches().stream()
                            .map(b -> BatchView.of(b.batch(), b.transaction(), explorer))
                            .toList());
        }
    }

    /** A member's withdrawal address and when it leaves its cooling-off period. */
    public record AddressView(String address, Instant createdAt, Instant usableFrom, boolean usable) {
        public static AddressView of(WithdrawalAddress a) {
            return new AddressView(a.getAddress(), a.getCreatedAt(), a.getUsableFrom(), a.isUsable(Instant.now()));
        }
    }

    /** A difference reconciliation found between the chain and the ledger. */
    public record AlertView(
            UUID id, UUID walletId, UUID tenantId, String tenant, long blockNumber, String findings, Instant raisedAt) {
        public static AlertView of(ReconciliationAlert a, Map<UUID, String> tenantNames) {
            return new AlertView(
                    a.getId(),
                    a.getWalletId(),
                    a.getTenantId(),
                    tenantNames.get(a.getTenantId()),
                    a.getBlockNumber(),
                    a.getFindings(),
                    a.getRaisedAt());
        }
    }

    static String shorten(String hash) {
        if (hash == null || hash.length() <= 14) return hash;
        return hash.substring(0, 8) + "…" + hash.substring(hash.length() - 6);
    }
}
