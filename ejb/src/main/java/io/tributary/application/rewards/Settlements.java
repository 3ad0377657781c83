package io.tributary.application.rewards;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.audit.AuditLog;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.TransactionPurpose;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.payout.PayoutRepository;
import io.tributary.persistence.rewards.settlement.Netting;
import io.tributary.persistence.rewards.settlement.Obligation;
import io.tributary.persistence.rewards.settlement.Settlement;
import io.tributary.persistence.rewards.settlement.SettlementRepository;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cross-organization settlement: nets what inference charges, fee splits and dispute corrections moved between
 * organizations in the ledger (and that earlier settlements have not sent yet), and queues one ERC-20 transfer per
 * debtor and creditor in the debtor wallet's outbox, so the tokens follow the ledger and a creditor can pay its
 * members out. The sender signs, sends and confirms it like a payout batch; a debtor short of tokens waits, visibly.
 */
@Stateless
public class Settlements {

    @Inject
    SettlementRepository settlements;

    @Inject
    WalletRepository wallets;

    @Inject
    PayoutRepository payouts;

    @Inject
    TenantRepository tenants;

    @Inject
    SettlementChain chain;

    @Inject
    AuditLog audit;

    /** One organization's unsettled position: positive is owed to it, negative it owes; with its wallet, if any. */
    public record PositionView(
            UUID tenantId, String tenant, BigInteger position, String positionTrib, String walletAddress) {}

    /** One settlement with the state of its transaction (the reason it waits, such as a shortfall, included). */
    public record SettlementView(
            UUID id,
            UUID debtorTenantId,
            String debtor,
            UUID creditorTenantId,
            String creditor,
            String creditorAddress,
            BigInteger amount,
            String amountTrib,
            String status,
            String transactionStatus,
            String txHash,
            Long blockNumber,
            Long receivedBlock,
            String waitingReason,
            BigInteger debtorPosition,
            BigInteger creditorPosition,
            Instant createdAt,
            Instant finishedAt) {}

    /**
     * Plans settlements of everything unsettled now and queues their transfers; returns what it planned (nothing when
     * another server is planning at this moment, or nothing is owed between organizations with wallets).
     */
    public List<SettlementView> settle(Actor actor) {
        requireStaff(actor);
        chain.client(); // Unconfigured chain: say so instead of queueing transfers nobody can send.
        if (!settlements.claimPlanning()) return List.of();
        Map<UUID, CustodialWallet> walletOf =
                wallets.all().stream().collect(Collectors.toMap(CustodialWallet::getTenantId, Function.identity()));
        Map<UUID, BigInteger> positions = new LinkedHashMap<>(settlements.positions(Trib.CURRENCY));
        // Only organizations with a wallet can send or receive; the others' positions wait (and stay visible).
        positions.keySet().retainAll(walletOf.keySet());
        List<Settlement> planned = new ArrayList<>();
        for (Obligation obligation : Netting.net(positions)) {
            CustodialWallet debtor = walletOf.get(obligation.debtor());
            CustodialWallet creditor = walletOf.get(obligation.creditor());
            ChainTransaction transfer =
                    new ChainTransaction(debtor.getTenantId(), debtor.getId(), TransactionPurpose.SETTLEMENT);
            payouts.add(transfer);
            Settlement settlement = new Settlement(
                    obligation,
                    debtor.getId(),
                    creditor.getId(),
                    creditor.getAddress(),
                    transfer.getId(),
                    positions.get(obligation.debtor()),
                    positions.get(obligation.creditor()));
            settlements.add(settlement);
            planned.add(settlement);
            audit.changed(
                    actor,
                    debtor.getTenantId(),
                    "settlement.plan",
                    settlement.getId().toString(),
                    obligation.amount() + " base units of " + Trib.CURRENCY + " to " + creditor.getAddress());
        }
        Map<UUID, String> names = names();
        return planned.stream().map(s -> view(s, names)).toList();
    }

    /** Every settlement, newest first, for platform staff. */
    public Page<SettlementView> page(Actor actor, PageRequest page) {
        requireStaff(actor);
        Map<UUID, String> names = names();
        return settlements.page(page).map(s -> view(s, names));
    }

    /** What each organization is owed or owes and no settlement has sent yet, for platform staff. */
    public List<PositionView> positions(Actor actor) {
        requireStaff(actor);
        Map<UUID, String> names = names();
        Map<UUID, String> addresses = wallets.all().stream()
                .collect(Collectors.toMap(CustodialWallet::getTenantId, CustodialWallet::getAddress));
        return settlements.positions(Trib.CURRENCY).entrySet().stream()
                .map(e -> new PositionView(
                        e.getKey(),
                        names.get(e.getKey()),
                        e.getValue(),
                        Trib.format(e.getValue()),
                        addresses.get(e.getKey())))
                .toList();
    }

    private SettlementView view(Settlement s, Map<UUID, String> names) {
        ChainTransaction tx = payouts.transaction(s.getTransactionId()).orElseThrow();
        return new SettlementView(
                s.getId(),
                s.getDebtorTenantId(),
                names.get(s.getDebtorTenantId()),
                s.getCreditorTenantId(),
                names.get(s.getCreditorTenantId()),
                s.getCreditorAddress(),
                s.getAmount(),
                Trib.format(s.getAmount()),
                s.getStatus().name(),
                tx.getStatus().name(),
                tx.getTxHash(),
                tx.getBlockNumber(),
                s.getReceivedBlock(),
                tx.getStatus().isFinal() ? null : tx.getLastError(),
                s.getDebtorPosition(),
                s.getCreditorPosition(),
                s.getCreatedAt(),
                s.getFinishedAt());
    }

    private Map<UUID, String> names() {
        return tenants.all().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getName));
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isPlatformAdmin() || actor.tenantId() != null) {
            throw new AccessDenied("Only platform staff settle between organizations.");
        }
    }
}
