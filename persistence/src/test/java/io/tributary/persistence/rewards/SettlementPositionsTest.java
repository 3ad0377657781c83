package io.tributary.persistence.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.rewards.settlement.Netting;
import io.tributary.persistence.rewards.settlement.Obligation;
import io.tributary.persistence.rewards.settlement.SettlementRepository;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settlement planning on a real PostgreSQL: positions are the cross-organization ledger value less the settlements
 * not failed, so planning twice sends nothing twice; and the on-chain balance each wallet should show follows the
 * settlements' blocks.
 */
class SettlementPositionsTest {

    static final LedgerDatabase db = LedgerDatabase.get();
    static final Random RANDOM = new Random();

    String currency;
    UUID caller;
    UUID owner;
    UUID contributors;
    Map<UUID, UUID> wallets;

    @BeforeEach
    void crossOrganizationInference() {
        currency = "S"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        caller = db.newTenant();
        owner = db.newTenant();
        contributors = db.newTenant();
        wallets = Map.of(caller, wallet(caller), owner, wallet(owner), contributors, wallet(contributors));
        LedgerAccount world = db.inTransaction(l -> l.open(null, null, AccountKind.EXTERNAL, currency));
        LedgerAccount treasury = db.inTransaction(l -> l.open(caller, null, AccountKind.TENANT_TREASURY, currency));
        LedgerAccount credits = db.inTransaction(l -> l.open(caller, null, AccountKind.PREPAID_CREDITS, currency));
        LedgerAccount holding = db.inTransaction(l -> l.open(owner, null, AccountKind.INFERENCE_HOLDING, currency));
        LedgerAccount ownerEarnings = earnings(owner);
        LedgerAccount contributorEarnings = earnings(contributors);
        LedgerAccount platform = db.inTransaction(l -> l.open(null, null, AccountKind.PLATFORM_FEES, currency));
        post(CauseType.DEPOSIT, "0xdeposit", world, -100, treasury, 100);
        post(CauseType.ADJUSTMENT, "prepaid-credits:x", treasury, -50, credits, 50);
        post(CauseType.INFERENCE_CHARGE, "inference:1", credits, -20, holding, 20);
        db.run(l -> l.transfer(TransferRequest.posted(
                UUID.randomUUID(),
                CauseType.FEE_SPLIT,
                "receipt:1",
                null,
                List.of(
                        Leg.of(holding.getId(), -20),
                        Leg.of(ownerEarnings.getId(), 6),
                        Leg.of(contributorEarnings.getId(), 12),
                        Leg.of(platform.getId(), 2)))));
        // A dispute moves 1 from the contributors' organization back to the owner's.
        LedgerAccount ownerTreasury = db.inTransaction(l -> l.open(owner, null, AccountKind.TENANT_TREASURY, currency));
        post(CauseType.ADJUSTMENT, "dispute:1", contributorEarnings, -1, ownerTreasury, 1);
    }

    @Test
    void positionsAreTheCrossOrganizationValueLessSettlementsNotFailed() {
        Map<UUID, BigInteger> positions = positions();
        assertThat(positions)
                .containsOnly(Map.entry(caller, big(-20)), Map.entry(owner, big(7)), Map.entry(contributors, big(11)));
        List<Obligation> plan = Netting.net(positions);
        assertThat(plan)
                .containsExactly(new Obligation(caller, contributors, big(11)), new Obligation(caller, owner, big(7)));

        UUID toContributors = settle(plan.get(0), "SENDING");
        UUID toOwner = settle(plan.get(1), "SENDING");
        // Planned: planning again finds nothing to send, only the platform's 2 the caller keeps.
        assertThat(positions()).containsOnly(Map.entry(caller, big(-2)));
        assertThat(Netting.net(positions())).isEmpty();

        // A reverted transfer moved nothing: its amount is owed again.
        db.sql("update settlement set status = 'FAILED' where id = ?", toOwner);
        assertThat(positions()).containsOnly(Map.entry(caller, big(-9)), Map.entry(owner, big(7)));
        assertThat(Netting.net(positions())).containsExactly(new Obligation(caller, owner, big(7)));
        db.sql("update settlement set status = 'SETTLED' where id = ?", toContributors);
        assertThat(positions()).containsOnly(Map.entry(caller, big(-9)), Map.entry(owner, big(7)));
    }

    @Test
    void eachWalletsOnChainShareFollowsTheBlocksItsSettlementsMovedIn() {
        Obligation obligation = new Obligation(caller, contributors, big(11));
        UUID settlement = settle(obligation, "SENDING");
        UUID transaction =
                db.inSession(em -> (UUID) em.createNativeQuery("select transaction_id from settlement where id = ?1")
                        .setParameter(1, settlement)
                        .getSingleResult());
        assertThat(sent(caller, 100)).isZero();
        db.sql(
                "update chain_transaction set status = 'CONFIRMED', nonce = 0, raw = ?, tx_hash = ?, block_number = 10,"
                        + " block_hash = ? where id = ?",
                new byte[] {1},
                hash(),
                hash(),
                transaction);
        db.sql("update settlement set status = 'SETTLED' where id = ?", settlement);
        assertThat(sent(caller, 9)).isZero();
        assertThat(sent(caller, 10)).isEqualTo(big(11));
        assertThat(received(contributors, 100)).isZero();
        db.sql("update settlement set received_block = 10 where id = ?", settlement);
        assertThat(received(contributors, 9)).isZero();
        assertThat(received(contributors, 10)).isEqualTo(big(11));
        // Reconciliation's view after the transfer: the caller's wallet holds its ledger holdings plus what it still
        // owes (the platform's 2), the contributors' wallet exactly its holdings less what it has not received.
        BigInteger callerOnChain = db.inTransaction(l -> l.holdings(caller, currency)
                .subtract(l.crossOrganizationNet(caller, currency))
                .subtract(sent(caller, 10)));
        assertThat(callerOnChain).isEqualTo(big(100 - 11));
        BigInteger contributorsOnChain = db.inTransaction(l -> l.holdings(contributors, currency)
                .subtract(l.crossOrganizationNet(contributors, currency))
                .add(received(contributors, 10)));
        assertThat(contributorsOnChain).isEqualTo(big(11));
        BigInteger contributorsHoldings = db.inTransaction(l -> l.holdings(contributors, currency));
        assertThat(contributorsHoldings).isEqualTo(big(11));
    }

    @Test
    void onlyOnePlannerAtATime() throws Exception {
        var em = db.sessions.createEntityManager();
        try {
            em.getTransaction().begin();
            assertThat(new SettlementRepository(em).claimPlanning()).isTrue();
            Thread other = new Thread(
                    () -> assertThat(with(SettlementRepository::claimPlanning)).isFalse());
            other.start();
            other.join();
            em.getTransaction().commit();
        } finally {
            em.close();
        }
        assertThat(with(SettlementRepository::claimPlanning)).isTrue();
    }

    Map<UUID, BigInteger> positions() {
        Map<UUID, BigInteger> all = with(r -> r.positions(currency));
        all.keySet().retainAll(wallets.keySet());
        return all;
    }

    BigInteger sent(UUID tenant, long block) {
        return with(r -> r.sentThrough(wallets.get(tenant), block));
    }

    BigInteger received(UUID tenant, long block) {
        return with(r -> r.receivedThrough(wallets.get(tenant), block));
    }

    static <T> T with(Function<SettlementRepository, T> work) {
        return db.inSession(em -> work.apply(new SettlementRepository(em)));
    }

    /** A settlement row and its outbox transaction, as the planner writes them (the amount in the test currency). */
    UUID settle(Obligation o, String status) {
        UUID transaction = UUID.randomUUID();
        db.sql(
                "insert into chain_transaction (id, tenant_id, wallet_id, purpose, status, attempts, next_attempt_at,"
                        + " created_at, version) values (?, ?, ?, 'SETTLEMENT', 'QUEUED', 0, ?, ?, 0)",
                transaction,
                o.debtor(),
                wallets.get(o.debtor()),
                now(),
                now());
        UUID id = UUID.randomUUID();
        db.sql(
                "insert into settlement (id, debtor_tenant_id, debtor_wallet_id, creditor_tenant_id,"
                        + " creditor_wallet_id, creditor_address, amount, status, transaction_id, debtor_position,"
                        + " creditor_position, created_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 0)",
                id,
                o.debtor(),
                wallets.get(o.debtor()),
                o.creditor(),
                wallets.get(o.creditor()),
                address(),
                new BigDecimal(o.amount()),
                status,
                transaction,
                now());
        return id;
    }

    UUID wallet(UUID tenant) {
        UUID id = UUID.randomUUID();
        db.sql(
                "insert into custodial_wallet (id, tenant_id, address, algorithm, master_key_id, data_key_nonce,"
                        + " wrapped_data_key, private_key_nonce, encrypted_private_key, daily_limit,"
                        + " approval_threshold, payout_minimum, cooling_off_hours, scheduled_payouts,"
                        + " deposits_scanned_to, created_at, version)"
                        + " values (?, ?, ?, 'test', 'm', ?, ?, ?, ?, 1, 1, 1, 0, false, 0, ?, 0)",
                id,
                tenant,
                address(),
                new byte[12],
                new byte[48],
                new byte[12],
                new byte[48],
                now());
        return id;
    }

    LedgerAccount earnings(UUID tenant) {
        UUID member = db.newMember(tenant);
        return db.inTransaction(l -> l.open(tenant, member, AccountKind.CONTRIBUTOR_EARNINGS, currency));
    }

    void post(CauseType cause, String ref, LedgerAccount from, long out, LedgerAccount to, long in) {
        db.run(l -> l.transfer(TransferRequest.posted(
                UUID.randomUUID(), cause, ref, null, List.of(Leg.of(from.getId(), out), Leg.of(to.getId(), in)))));
    }

    static String address() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    static String hash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }
}
