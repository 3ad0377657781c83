package io.tributary.application.rewards;

import io.tributary.application.AccessDenied;
import io.tributary.application.Actor;
import io.tributary.application.Conflict;
import io.tributary.application.IdempotencyKey;
import io.tributary.application.InputCheck;
import io.tributary.application.InvalidInput;
import io.tributary.application.NotFound;
import io.tributary.application.audit.AuditLog;
import io.tributary.application.rewards.WalletViews.AddressView;
import io.tributary.application.rewards.WalletViews.AlertView;
import io.tributary.application.rewards.WalletViews.ChangeView;
import io.tributary.application.rewards.WalletViews.DepositView;
import io.tributary.application.rewards.WalletViews.TransactionView;
import io.tributary.application.rewards.WalletViews.WalletSummary;
import io.tributary.application.rewards.custody.Custody;
import io.tributary.application.rewards.custody.SealedKey;
import io.tributary.chain.ChainClient;
import io.tributary.chain.ChainRequestException;
import io.tributary.chain.ChainUnavailableException;
import io.tributary.chain.EvmAddress;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.custody.ChainTransaction;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.ReconciliationAlert;
import io.tributary.persistence.rewards.custody.TransactionPurpose;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.custody.WithdrawalAddress;
import io.tributary.persistence.rewards.custody.WithdrawalPolicy;
import io.tributary.persistence.rewards.payout.PayoutRepository;
import io.tributary.persistence.rewards.settlement.SettlementRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Organizations' custodial wallets: creating one (its key generated and sealed by custody), what it holds on chain
 * and in the ledger, its withdrawal policy, members' withdrawal addresses, and (for platform staff) wallet health.
 */
@Stateless
public class WalletService {

    /** What a new wallet starts with; org admins change it on the wallet page. */
    public static final WithdrawalPolicy DEFAULT_POLICY =
            new WithdrawalPolicy(Trib.of(100_000), Trib.of(10_000), Trib.of(10), 24, false);

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    @Inject
    WalletRepository wallets;

    @Inject
    PayoutRepository payouts;

    @Inject
    Custody custody;

    @Inject
    SettlementChain chain;

    @Inject
    Ledger ledger;

    @Inject
    AuditLog audit;

    @Inject
    TenantRepository tenants;

    @Inject
    SettlementRepository settlements;

    @Inject
    WalletChanges changes;

    /** Creates the organization's wallet (an org admin's decision; a tenant has at most one). */
    public WalletSummary create(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "wallet.create", null);
        if (wallets.ofTenant(actor.requireTenant()).isPresent()) {
            throw new Conflict("Your organization already has a wallet.");
        }
        CustodialWallet wallet = open(actor.tenantId());
        audit.changed(actor, actor.tenantId(), "wallet.create", wallet.getAddress(), "custodial wallet created");
        return WalletSummary.of(viewOf(wallet));
    }

    /**
     * The tenant's wallet, created if it has none: a fresh key sealed under the current master key, and the
     * batcher's allowance queued as the wallet's first transaction.
     */
    public CustodialWallet open(UUID tenantId) {
        Optional<CustodialWallet> existing = wallets.ofTenant(tenantId);
        if (existing.isPresent()) return existing.get();
        long confirmed = onChain(ChainClient::confirmedBlockNumber);
        UUID walletId = UUID.randomUUID();
        SealedKey sealed = custody.create(walletId, tenantId);
        // Nothing can have been sent to a key that did not exist: deposits are scanned from now on.
        CustodialWallet wallet = new CustodialWallet(
                walletId,
                tenantId,
                sealed.address(),
                sealed.algorithm(),
                sealed.masterKeyId(),
                sealed.dataKeyNonce(),
                sealed.wrappedDataKey(),
                sealed.privateKeyNonce(),
                sealed.encryptedPrivateKey(),
                DEFAULT_POLICY,
                confirmed);
        wallets.add(wallet);
        payouts.add(new ChainTransaction(tenantId, walletId, TransactionPurpose.APPROVE_BATCHER));
        return wallet;
    }

    /** The organization's wallet, or empty before one was created. */
    public Optional<WalletSummary> view(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "wallet.read", null);
        return wallets.ofTenant(actor.requireTenant()).map(this::viewOf).map(WalletSummary::of);
    }

    /** The wallet's transactions, newest first, without their signed bytes. */
    public Page<TransactionView> transactions(Actor actor, PageRequest page) {
        return wallet(actor)
                .map(w -> payouts.transactions(w.getId(), page))
                .orElse(new Page<>(List.of(), page, 0))
                .map(t -> TransactionView.of(t, chain::explorerLink));
    }

    /** Token transfers into the wallet, newest first. */
    public Page<DepositView> deposits(Actor actor, PageRequest page) {
        return wallet(actor)
                .map(w -> wallets.deposits(w.getId(), page))
                .orElse(new Page<>(List.of(), page, 0))
                .map(d -> DepositView.of(d, chain::explorerLink));
    }

    /**
     * Requests a new withdrawal policy (amounts in TRIB): in force at once when it only tightens, otherwise awaiting
     * a second org admin and the cooling-off period (see {@link WalletChanges}).
     */
    public ChangeView updatePolicy(
            Actor actor,
            BigDecimal dailyLimit,
            BigDecimal approvalThreshold,
            BigDecimal payoutMinimum,
            Integer coolingOffHours,
            Boolean scheduledPayouts,
            IdempotencyKey idempotencyKey) {
        audit.demand(actor, Role.ORG_ADMIN, "wallet.policy", null);
        InputCheck check = new InputCheck();
        BigInteger limit = amount(check, "dailyLimit", dailyLimit);
        BigInteger threshold = amount(check, "approvalThreshold", approvalThreshold);
        BigInteger minimum = amount(check, "payoutMinimum", payoutMinimum);
        if (coolingOffHours == null || coolingOffHours < 0 || coolingOffHours > 720) {
            check.fail("coolingOffHours", "The cooling-off period is 0 to 720 hours.");
        }
        check.done();
        CustodialWallet wallet = wallets.lock(requireWallet(actor).getId()).orElseThrow();
        WithdrawalPolicy policy =
                new WithdrawalPolicy(limit, threshold, minimum, coolingOffHours, Boolean.TRUE.equals(scheduledPayouts));
        return ChangeView.of(changes.requestPolicy(actor, wallet, policy, idempotencyKey));
    }

    /**
     * Registers the member's withdrawal address, replacing any earlier one; it joins the allowlist after the
     * organization's cooling-off period, so a hijacked session cannot redirect a payout at once.
     */
    public AddressView registerAddress(Actor actor, String address) {
        UUID memberId = requireMember(actor);
        String normalized = normalizeAddress(address);
        Optional<CustodialWallet> wallet = wallets.ofTenant(actor.tenantId());
        if (wallet.isPresent() && wallet.get().getAddress().equalsIgnoreCase(normalized)) {
            throw new InvalidInput("address", "That is your organization's own wallet; give an address you control.");
        }
        Optional<WithdrawalAddress> current = wallets.currentAddress(memberId);
        if (current.isPresent() && current.get().getAddress().equalsIgnoreCase(normalized)) {
            return AddressView.of(current.get());
        }
        int hours = wallet.map(w -> w.policy().coolingOffHours()).orElse(DEFAULT_POLICY.coolingOffHours());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        current.ifPresent(old -> old.remove(now));
        // The old row's removal must reach the database before the new row meets the one-current-address index.
        wallets.flush();
        WithdrawalAddress added =
                new WithdrawalAddress(actor.tenantId(), memberId, normalized, now.plus(Duration.ofHours(hours)));
        wallets.add(added);
        audit.changed(
                actor,
                actor.tenantId(),
                "withdrawal-address.register",
                normalized,
                "usable from " + added.getUsableFrom());
        return AddressView.of(added);
    }

    /** Seeds a demo member's address, usable at once (the demo has no time for a cooling-off period). */
    public WithdrawalAddress seedAddress(UUID tenantId, UUID memberId, String address) {
        return wallets.currentAddress(memberId).orElseGet(() -> {
            WithdrawalAddress added =
                    new WithdrawalAddress(tenantId, memberId, normalizeAddress(address), Instant.now());
            wallets.add(added);
            return added;
        });
    }

    public Optional<AddressView> address(Actor actor) {
        return wallets.currentAddress(requireMember(actor)).map(AddressView::of);
    }

    public void removeAddress(Actor actor) {
        WithdrawalAddress current = wallets.currentAddress(requireMember(actor))
                .orElseThrow(() -> new NotFound("You have no withdrawal address."));
        current.remove(Instant.now().truncatedTo(ChronoUnit.MICROS));
        audit.changed(actor, actor.tenantId(), "withdrawal-address.remove", current.getAddress(), null);
    }

    /** Every wallet with its health, for platform staff. */
    public Page<WalletHealth> health(Actor actor, PageRequest page) {
        requireStaff(actor);
        Page<CustodialWallet> wallets = this.wallets.page(page);
        return new Page<>(health(wallets.items()), page, wallets.total());
    }

    private List<WalletHealth> health(List<CustodialWallet> all) {
        var alerts = wallets.openAlerts(all.stream().map(CustodialWallet::getId).toList());
        Map<UUID, String> names = tenants.all().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getName));
        return all.stream()
                .map(w -> new WalletHealth(
                        w.getId(),
                        w.getTenantId(),
                        names.get(w.getTenantId()),
                        w.getAddress(),
                        w.isFrozen(),
                        w.getFrozenReason(),
                        w.getReconciledAt(),
                        w.getReconciledBlock(),
                        w.getReconciledOk(),
                        alerts.stream()
                                .filter(a -> a.getWalletId().equals(w.getId()))
                                .count(),
                        payouts.hasOpenTransactions(w.getId())))
                .toList();
    }

    /** Open reconciliation alerts of every wallet, with their organization's name, for platform staff. */
    public Page<AlertView> openAlerts(Actor actor, PageRequest page) {
        requireStaff(actor);
        Page<ReconciliationAlert> alerts = wallets.openAlerts(page);
        Map<UUID, String> names = tenants.all().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getName));
        return alerts.map(a -> AlertView.of(a, names));
    }

    /** Platform staff lift a reconciliation freeze after investigating, resolving the wallet's open alerts. */
    public void unfreeze(Actor actor, UUID walletId, String resolution) {
        requireStaff(actor);
        InputCheck check = new InputCheck();
        String why = check.text("resolution", resolution, 2000);
        check.done();
        CustodialWallet wallet = wallets.lock(walletId).orElseThrow(() -> new NotFound("No such wallet."));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        wallets.openAlerts(List.of(walletId)).forEach(a -> a.resolve(actor.name(), why, now));
        wallet.unfreeze();
        audit.changed(actor, wallet.getTenantId(), "wallet.unfreeze", wallet.getAddress(), why);
    }

    /**
     * After a master-key rotation: seals every wallet's data key under the current master key, leaving the private
     * key and address as they are; returns how many wallets moved. Rewrapping authenticates each key, so running it
     * when nothing is due doubles as an integrity check of every sealed key.
     */
    public int rewrapKeys(Actor actor) {
        requireStaff(actor);
        int moved = 0;
        for (CustodialWallet listed : wallets.all()) {
            CustodialWallet wallet = wallets.lock(listed.getId()).orElseThrow();
            String before = wallet.getMasterKeyId();
            custody.rewrap(wallet);
            if (!before.equals(wallet.getMasterKeyId())) {
                moved++;
                audit.changed(
                        actor,
                        wallet.getTenantId(),
                        "wallet.rewrap",
                        wallet.getAddress(),
                        before + " -> " + wallet.getMasterKeyId());
            }
        }
        return moved;
    }

    WalletView viewOf(CustodialWallet wallet) {
        // What the wallet backs on chain: value moved between organizations counts once settlements moved its tokens.
        BigInteger holdings = ledger.holdings(wallet.getTenantId(), Trib.CURRENCY)
                .subtract(ledger.crossOrganizationNet(wallet.getTenantId(), Trib.CURRENCY))
                .add(settlements.receivedThrough(wallet.getId(), Long.MAX_VALUE))
                .subtract(settlements.sentThrough(wallet.getId(), Long.MAX_VALUE));
        BigInteger treasury = ledger.open(wallet.getTenantId(), null, AccountKind.TENANT_TREASURY, Trib.CURRENCY)
                .getPostedBalance();
        BigInteger tokens = null;
        BigInteger gas = null;
        Long confirmed = null;
        String problem = null;
        try {
            ChainClient client = chain.client();
            confirmed = client.confirmedBlockNumber();
            tokens = client.tokenBalance(chain.token(), EvmAddress.of(wallet.getAddress()), confirmed);
            gas = client.nativeBalance(EvmAddress.of(wallet.getAddress()), confirmed);
        } catch (ChainUnavailableException | ChainRequestException e) {
            problem = "The chain node cannot be reached right now; on-chain balances are unknown.";
        }
        return new WalletView(
                wallet.getId(),
                wallet.getAddress(),
                holdings,
                treasury,
                tokens,
                gas,
                confirmed,
                problem,
                wallet.policy(),
                wallet.isFrozen(),
                wallet.getFrozenReason(),
                wallet.getReconciledAt(),
                wallet.getReconciledBlock(),
                wallet.getReconciledOk());
    }

    private Optional<CustodialWallet> wallet(Actor actor) {
        audit.demand(actor, Role.ORG_ADMIN, "wallet.read", null);
        return wallets.ofTenant(actor.requireTenant());
    }

    /** The organization's wallet, or a conflict saying an org admin must create it first. */
    public CustodialWallet requireWallet(Actor actor) {
        return wallets.ofTenant(actor.requireTenant())
                .orElseThrow(() -> new Conflict("Your organization has no wallet yet; an org admin creates it."));
    }

    private <T> T onChain(Function<ChainClient, T> read) {
        try {
            return read.apply(chain.client());
        } catch (ChainUnavailableException | ChainRequestException e) {
            throw new Conflict("The chain node cannot be reached right now; try again in a minute.");
        }
    }

    static String normalizeAddress(String address) {
        String value = address == null ? "" : address.strip();
        if (!ADDRESS.matcher(value).matches()) {
            throw new InvalidInput("address", "Give an Ethereum address: 0x followed by 40 hexadecimal digits.");
        }
        String digits = value.substring(2);
        boolean mixedCase =
                !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        // A mixed-case address carries an EIP-55 checksum: a typo in it is caught here instead of losing the money.
        if (mixedCase && !EvmAddress.of(value).checksummed().equals(value)) {
            throw new InvalidInput("address", "The address's checksum (its capitalisation) is wrong; copy it again.");
        }
        if (new BigInteger(digits, 16).signum() == 0) {
            throw new InvalidInput("address", "The zero address burns tokens; give an address you control.");
        }
        return EvmAddress.of(value).checksummed();
    }

    private static BigInteger amount(InputCheck check, String field, BigDecimal value) {
        try {
            return Trib.parse(field, value);
        } catch (InvalidInput e) {
            check.fail(field, e.getMessage());
            return null;
        }
    }

    private static UUID requireMember(Actor actor) {
        actor.requireTenant();
        if (actor.memberId() == null) {
            throw new AccessDenied("Withdrawal addresses belong to people; organization service keys have none.");
        }
        return actor.memberId();
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isPlatformAdmin() || actor.tenantId() != null) {
            throw new AccessDenied("Only platform staff see every wallet.");
        }
    }
}
