package io.tributary.application.demo;

import io.tributary.application.Actor;
import io.tributary.application.IdempotencyKey;
import io.tributary.application.Settings;
import io.tributary.application.rewards.EarningsService;
import io.tributary.application.rewards.PayoutService;
import io.tributary.application.rewards.PrepaidCredits;
import io.tributary.application.rewards.SettlementChain;
import io.tributary.application.rewards.Trib;
import io.tributary.application.rewards.WalletService;
import io.tributary.chain.AdminSender;
import io.tributary.chain.Bytes32;
import io.tributary.chain.ContractCall;
import io.tributary.chain.EvmAddress;
import io.tributary.chain.RewardContracts;
import io.tributary.chain.SigningKey;
import io.tributary.persistence.PageRequest;
import io.tributary.persistence.TenantContext;
import io.tributary.persistence.rewards.AccountKind;
import io.tributary.persistence.rewards.Ledger;
import io.tributary.persistence.rewards.custody.CustodialWallet;
import io.tributary.persistence.rewards.custody.WalletRepository;
import io.tributary.persistence.rewards.payout.PayoutRepository;
import io.tributary.persistence.tenancy.Member;
import io.tributary.persistence.tenancy.MemberRepository;
import io.tributary.persistence.tenancy.Role;
import io.tributary.persistence.tenancy.Tenant;
import io.tributary.persistence.tenancy.TenantRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo's money, moved the way real money moves: each demo organization gets a custodial wallet, the platform
 * operator mints it 10,000 TRIB and sends it gas, the deposit is credited after its confirmations, Acme grants its
 * people their first earnings and pays them out on chain. Each call advances one stage and is safe to repeat.
 */
@Stateless
public class DemoRewards {

    static final BigInteger DEPOSIT = Trib.of(10_000);
    static final BigInteger GAS = BigInteger.TEN.pow(18);
    static final BigInteger PREPAID = Trib.of(100);

    /** A demo grant: which earnings, how many TRIB. */
    record Grant(String kind, int trib) {}

    /** Who earns what in the demo, per organization alias: e-mail to grant. */
    static final Map<String, Map<String, Grant>> GRANTS = Map.of(
            "acme",
            Map.of(
                    "carlos@acme.test", new Grant("CONTRIBUTOR_EARNINGS", 300),
                    "vera@acme.test", new Grant("VALIDATOR_EARNINGS", 120),
                    "victor@acme.test", new Grant("VALIDATOR_EARNINGS", 80)),
            "globex",
            Map.of("gus@globex.test", new Grant("CONTRIBUTOR_EARNINGS", 150)));

    @Inject
    TenantRepository tenants;

    @Inject
    MemberRepository members;

    @Inject
    WalletService wallets;

    @Inject
    EarningsService earnings;

    @Inject
    PayoutService payouts;

    @Inject
    PayoutRepository payoutRuns;

    @Inject
    Ledger ledger;

    @Inject
    WalletRepository addresses;

    @Inject
    SettlementChain chain;

    @Inject
    PrepaidCredits credits;

    @Resource
    SessionContext context;

    /** Advances the demo by one stage where it can; true once every demo organization is done. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean advance() {
        if (!Settings.DEMO.enabled()
                || !chain.isConfigured()
                || chain.operator().isEmpty()) return true;
        DemoRewards self = context.getBusinessObject(DemoRewards.class);
        boolean done = true;
        for (String alias : GRANTS.keySet()) {
            Optional<Tenant> tenant = TenantContext.asPlatform(() -> self.tenant(alias));
            if (tenant.isEmpty()) return false;
            // One transaction per tenant: a session keeps the tenant it was opened for.
            done &= TenantContext.as(tenant.get().getId(), () -> self.advance(tenant.get()));
        }
        return done;
    }

    public Optional<Tenant> tenant(String alias) {
        return tenants.findByAlias(alias);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean advance(Tenant tenant) {
        CustodialWallet wallet = wallets.open(tenant.getId());
        EvmAddress address = EvmAddress.of(wallet.getAddress());
        var client = chain.client();
        BigInteger treasury = ledger.open(tenant.getId(), null, AccountKind.TENANT_TREASURY, Trib.CURRENCY)
                .getPostedBalance();
        // The grants register the grantees' addresses in the same transaction: an address means they were made.
        boolean granted = GRANTS.get(tenant.getAlias()).keySet().stream()
                .map(email -> members.findByEmail(email).orElseThrow())
                .anyMatch(member -> addresses.currentAddress(member.getId()).isPresent());
        if (treasury.signum() == 0 && !granted) {
            if (client.tokenBalance(chain.token(), address, client.latestBlockNumber())
                            .signum()
                    == 0) {
                SigningKey operator = chain.operator().orElseThrow();
                new RewardContracts(client).mint(operator, chain.token(), address, DEPOSIT);
                new AdminSender(client)
                        .send(operator, new ContractCall(address, "0x", GAS, BigInteger.valueOf(21_000)));
            }
            return false; // the deposit is credited by the chain worker after its confirmations
        }
        Actor admin = null;
        for (Member member : members.ofTenant(tenant.getId())) {
            if (member.getRoles().contains(Role.ORG_ADMIN)) {
                admin = new Actor(tenant.getId(), member.getId(), member.getEmail(), member.getRoles());
            }
        }
        if (admin == null) return false;
        if (!granted) {
            for (var grant : GRANTS.get(tenant.getAlias()).entrySet()) {
                Member member = members.findByEmail(grant.getKey()).orElseThrow();
                wallets.seedAddress(tenant.getId(), member.getId(), demoAddress(member.getEmail()));
                earnings.grant(
                        admin,
                        member.getId(),
                        grant.getValue().kind(),
                        BigDecimal.valueOf(grant.getValue().trib()),
                        "Demo: first earnings",
                        null);
            }
        }
        seedPrepaidCredits(tenant);
        if (tenant.getAlias().equals("acme")
                && payoutRuns
                        .runs(tenant.getId(), null, PageRequest.FIRST)
                        .items()
                        .isEmpty()) {
            payouts.start(admin, new IdempotencyKey("demo-first-payout", "demo"));
        }
        return true;
    }

    /**
     * Moves Acme's first prepaid credits for inference from its treasury, once (the transfer id is derived from the
     * organization), so its people can call models over /v1 at once. Globex starts without: its org admin tops up
     * (and until then its calls to priced models show the 402 refusal).
     */
    private void seedPrepaidCredits(Tenant tenant) {
        if (!tenant.getAlias().equals("acme")) return;
        BigInteger available = ledger.open(tenant.getId(), null, AccountKind.TENANT_TREASURY, Trib.CURRENCY)
                .balance()
                .available();
        UUID transfer =
                UUID.nameUUIDFromBytes(("demo-prepaid-credits:" + tenant.getId()).getBytes(StandardCharsets.UTF_8));
        if (available.compareTo(PREPAID) >= 0) {
            credits.moveFromTreasury(tenant.getId(), transfer, PREPAID, "Demo: first prepaid credits for inference");
        }
    }

    /** A stable address per demo person that nobody holds a key for: demo tokens go nowhere real. */
    static String demoAddress(String email) {
        byte[] hash = Bytes32.keccakOf("tributary-demo:" + email).toBytes();
        return EvmAddress.of(Arrays.copyOfRange(hash, 12, 32)).checksummed();
    }
}
