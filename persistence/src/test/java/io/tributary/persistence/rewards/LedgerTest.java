package io.tributary.persistence.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's rules on a real PostgreSQL, through the same code the EJB facade calls. */
class LedgerTest {

    static final LedgerDatabase db = LedgerDatabase.get();

    /** Each test gets its own currency, so trial balances and totals are not disturbed by other tests. */
    String currency;

    UUID tenant;
    LedgerAccount world;
    LedgerAccount treasury;

    @BeforeEach
    void freshBooks() {
        currency = "T"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        tenant = db.newTenant();
        world = db.inTransaction(l -> l.open(null, null, AccountKind.EXTERNAL, currency));
        treasury = db.inTransaction(l -> l.open(tenant, null, AccountKind.TENANT_TREASURY, currency));
    }

    LedgerAccount earnings(UUID tenantId) {
        UUID member = db.newMember(tenantId);
        return db.inTransaction(l -> l.open(tenantId, member, AccountKind.CONTRIBUTOR_EARNINGS, currency));
    }

    LedgerTransfer move(LedgerAccount from, LedgerAccount to, long amount) {
        return db.inTransaction(l -> l.transfer(TransferRequest.posted(
                UUID.randomUUID(),
                CauseType.ADJUSTMENT,
                "test",
                null,
                List.of(Leg.of(from.getId(), -amount), Leg.of(to.getId(), amount)))));
    }

    void deposit(LedgerAccount to, long amount) {
        db.run(l -> l.transfer(TransferRequest.posted(
                UUID.randomUUID(),
                CauseType.DEPOSIT,
                "0xdeposit",
                null,
                List.of(Leg.of(world.getId(), -amount), Leg.of(to.getId(), amount)))));
    }

    Balance balance(LedgerAccount account) {
        return db.inTransaction(l -> l.balance(account.getId()));
    }

    List<AccountEntry> history(LedgerAccount account) {
        return db.inTransaction(l -> l.history(account.getId(), 10));
    }

    List<Leg> legsOf(UUID transferId) {
        return db.inTransaction(l -> l.legs(transferId));
    }

    static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void openIsGetOrCreate() {
        UUID member = db.newMember(tenant);
        LedgerAccount first = db.inTransaction(l -> l.open(tenant, member, AccountKind.VALIDATOR_EARNINGS, currency));
        LedgerAccount again = db.inTransaction(l -> l.open(tenant, member, AccountKind.VALIDATOR_EARNINGS, currency));
        LedgerAccount platform = db.inTransaction(l -> l.open(null, null, AccountKind.EXTERNAL, currency));

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(platform.getId()).isEqualTo(world.getId());
        assertThat(first.isAllowNegative()).isFalse();
        assertThat(world.isAllowNegative()).isTrue();
        UUID otherTenant = db.newTenant();
        assertThatThrownBy(() -> db.run(l -> l.open(otherTenant, member, AccountKind.CONTRIBUTOR_EARNINGS, currency)))
                .hasStackTraceContaining("ledger_account_member_in_tenant");
    }

    @Test
    void legsMustSumToZeroPerCurrency() {
        LedgerAccount eth = db.inTransaction(l -> l.open(tenant, null, AccountKind.TENANT_TREASURY, "ETH" + currency));
        deposit(treasury, 10);

        assertThatThrownBy(() -> db.run(l -> l.transfer(TransferRequest.posted(
                        UUID.randomUUID(),
                        CauseType.ADJUSTMENT,
                        "swap",
                        null,
                        List.of(Leg.of(treasury.getId(), -5), Leg.of(eth.getId(), 5))))))
                .isInstanceOf(UnbalancedTransfer.class)
                .hasMessageContaining(currency + " is off by -5");
        assertThat(balance(treasury).posted()).isEqualTo(big(10));
    }

    @Test
    void inferenceChargesAndFeeSplitsAreCountedAsValueThatCrossedOrganizations() {
        UUID owner = db.newTenant();
        LedgerAccount credits = db.inTransaction(l -> l.open(tenant, null, AccountKind.PREPAID_CREDITS, currency));
        LedgerAccount holding = db.inTransaction(l -> l.open(owner, null, AccountKind.INFERENCE_HOLDING, currency));
        LedgerAccount platform = db.inTransaction(l -> l.open(null, null, AccountKind.PLATFORM_FEES, currency));
        LedgerAccount contributor = earnings(owner);
        deposit(treasury, 100);
        move(treasury, credits, 50); // within the caller: not counted
        db.run(l -> l.transfer(TransferRequest.posted(
                UUID.randomUUID(),
                CauseType.INFERENCE_CHARGE,
                "inference:1",
                null,
                List.of(Leg.of(credits.getId(), -20), Leg.of(holding.getId(), 20)))));
        db.run(l -> l.transfer(TransferRequest.posted(
                UUID.randomUUID(),
                CauseType.FEE_SPLIT,
                "receipt:1",
                null,
                List.of(Leg.of(holding.getId(), -20), Leg.of(contributor.getId(), 18), Leg.of(platform.getId(), 2)))));

        BigInteger callerNet = db.inTransaction(l -> l.crossOrganizationNet(tenant, currency));
        BigInteger ownerNet = db.inTransaction(l -> l.crossOrganizationNet(owner, currency));
        BigInteger callerHoldings = db.inTransaction(l -> l.holdings(tenant, currency));
        BigInteger ownerHoldings = db.inTransaction(l -> l.holdings(owner, currency));
        assertThat(callerNet).isEqualTo(big(-20));
        assertThat(ownerNet).isEqualTo(big(18));
        // What each wallet still holds on chain: the caller's 100 deposited, the owner's nothing.
        assertThat(callerHoldings.subtract(callerNet)).isEqualTo(big(100));
        assertThat(ownerHoldings.subtract(ownerNet)).isEqualTo(big(0));
    }

    @Test
    void anIdempotentRetryReturnsTheSameTransferAndMovesMoneyOnce() {
        LedgerAccount alice = earnings(tenant);
        deposit(treasury, 100);
        TransferRequest grant = TransferRequest.posted(
                UUID.randomUUID(),
                CauseType.GRANT,
                "grant-7",
                "welcome",
                List.of(Leg.of(treasury.getId(), -30), Leg.of(alice.getId(), 30)));

        LedgerTransfer first = db.inTransaction(l -> l.transfer(grant));
        LedgerTransfer retry = db.inTransaction(l -> l.transfer(grant));

        assertThat(retry.getId()).isEqualTo(first.getId());
        assertThat(retry.getCreatedAt()).isEqualTo(first.getCreatedAt());
        assertThat(balance(alice).posted()).isEqualTo(big(30));
        assertThat(balance(treasury).posted()).isEqualTo(big(70));
        assertThat(history(alice)).hasSize(1);
    }

    @Test
    void aReusedIdWithOtherLegsOrAnotherCauseIsRefused() {
        LedgerAccount alice = earnings(tenant);
        deposit(treasury, 100);
        UUID id = UUID.randomUUID();
        db.run(l -> l.transfer(TransferRequest.posted(
                id,
                CauseType.GRANT,
                "grant-1",
                null,
                List.of(Leg.of(treasury.getId(), -30), Leg.of(alice.getId(), 30)))));

        assertThatThrownBy(() -> db.run(l -> l.transfer(TransferRequest.posted(
                        id,
                        CauseType.GRANT,
                        "grant-1",
                        null,
                        List.of(Leg.of(treasury.getId(), -31), Leg.of(alice.getId(), 31))))))
                .isInstanceOf(TransferConflict.class)
                .hasMessageContaining(id.toString())
                .hasMessageContaining("new transfer needs a new id");
        assertThatThrownBy(() -> db.run(l -> l.transfer(TransferRequest.posted(
                        id,
                        CauseType.GRANT,
                        "grant-2",
                        null,
                        List.of(Leg.of(treasury.getId(), -30), Leg.of(alice.getId(), 30))))))
                .isInstanceOf(TransferConflict.class)
                .hasMessageContaining("another cause");
        assertThat(balance(alice).posted()).isEqualTo(big(30));
    }

    @Test
    void anAccountThatForbidsNegativesIsNeverOverdrawn() {
        LedgerAccount alice = earnings(tenant);
        deposit(treasury, 100);

        assertThatThrownBy(() -> move(treasury, alice, 101))
                .isInstanceOfSatisfying(InsufficientFunds.class, e -> {
                    assertThat(e.accountId()).isEqualTo(treasury.getId());
                    assertThat(e.shortfall()).isEqualTo(big(1));
                })
                .hasMessageContaining("TENANT_TREASURY in tenant " + tenant)
                .hasMessageContaining("short by 1");
        assertThat(balance(treasury).posted()).isEqualTo(big(100));
    }

    @Test
    void pendingDebitsReserveFundsAndPendingCreditsAreNotSpendable() {
        LedgerAccount alice = earnings(tenant);
        LedgerAccount bob = earnings(tenant);
        deposit(treasury, 100);
        db.run(l -> l.transfer(TransferRequest.pending(
                UUID.randomUUID(),
                CauseType.GRANT,
                "grant-pending",
                null,
                List.of(Leg.of(treasury.getId(), -70), Leg.of(alice.getId(), 70)))));

        assertThat(balance(treasury).available()).isEqualTo(big(30));
        assertThatThrownBy(() -> move(treasury, bob, 40))
                .isInstanceOfSatisfying(
                        InsufficientFunds.class, e -> assertThat(e.shortfall()).isEqualTo(big(10)))
                .hasMessageContaining("reserved by pending transfers 70");
        assertThatThrownBy(() -> move(alice, bob, 1))
                .isInstanceOf(InsufficientFunds.class)
                .hasMessageContaining("CONTRIBUTOR_EARNINGS");
        move(treasury, bob, 30);
        assertThat(balance(treasury).available()).isZero();
    }

    @Test
    void anAccountReadEarlierInTheTransactionIsCheckedAgainstItsCurrentBalance() {
        LedgerAccount alice = earnings(tenant);
        deposit(treasury, 100);
        assertThatThrownBy(() -> db.run(l -> {
                    assertThat(l.balance(treasury.getId()).posted()).isEqualTo(big(100));
                    move(treasury, alice, 50); // another transaction commits meanwhile
                    l.transfer(TransferRequest.posted(
                            UUID.randomUUID(),
                            CauseType.ADJUSTMENT,
                            "stale",
                            null,
                            List.of(Leg.of(treasury.getId(), -80), Leg.of(alice.getId(), 80))));
                }))
                .isInstanceOfSatisfying(
                        InsufficientFunds.class, e -> assertThat(e.available()).isEqualTo(big(50)));
        assertThat(balance(treasury).posted()).isEqualTo(big(50));
    }

    @Test
    void pendingThenPostedMovesTheMoney() {
        LedgerAccount alice = earnings(tenant);
        deposit(treasury, 100);
        UUID id = UUID.randomUUID();
        LedgerTransfer pending = db.inTransaction(l -> l.transfer(TransferRequest.pending(
                id,
                CauseType.PAYOUT,
                "batch-1",
                null,
                List.of(Leg.of(treasury.getId(), -60), Leg.of(alice.getId(), 60)))));
        assertThat(pending.getStatus()).isEqualTo(TransferStatus.PENDING);
        assertThat(balance(treasury)).isEqualTo(new Balance(treasury.getId(), currency, big(100), big(60), big(0)));
        assertThat(balance(alice)).isEqualTo(new Balance(alice.getId(), currency, big(0), big(0), big(60)));

        LedgerTransfer posted = db.inTransaction(l -> l.post(id));
        LedgerTransfer postedAgain = db.inTransaction(l -> l.post(id));

        assertThat(posted.getStatus()).isEqualTo(TransferStatus.POSTED);
        assertThat(posted.getPostedAt()).isNotNull();
        assertThat(postedAgain.getPostedAt()).isEqualTo(posted.getPostedAt());
        assertThat(balance(treasury)).isEqualTo(new Balance(treasury.getId(), currency, big(40), big(0), big(0)));
        assertThat(balance(alice)).isEqualTo(new Balance(alice.getId(), currency, big(60), big(0), big(0)));
        assertThatThrownBy(() -> db.run(l -> l.voidTransfer(id)))
                .isInstanceOf(TransferAlreadySettled.class)
                .hasMessageContaining("reversing transfer");
        assertThat(db.inTransaction(l -> l.trialBalance(currency)).isBalanced()).isTrue();
    }

    @Test
    void pendingThenVoidedReleasesTheReservation() {
        LedgerAccount alice = earnings(tenant);
        deposit(treasury, 100);
        UUID id = UUID.randomUUID();
        db.run(l -> l.transfer(TransferRequest.pending(
                id,
                CauseType.PAYOUT,
                "batch-2",
                null,
                List.of(Leg.of(treasury.getId(), -60), Leg.of(alice.getId(), 60)))));

        LedgerTransfer voided = db.inTransaction(l -> l.voidTransfer(id));
        db.run(l -> l.voidTransfer(id));

        assertThat(voided.getStatus()).isEqualTo(TransferStatus.VOIDED);
        assertThat(balance(treasury)).isEqualTo(new Balance(treasury.getId(), currency, big(100), big(0), big(0)));
        assertThat(balance(alice)).isEqualTo(new Balance(alice.getId(), currency, big(0), big(0), big(0)));
        assertThatThrownBy(() -> db.run(l -> l.post(id))).isInstanceOf(TransferAlreadySettled.class);
        assertThat(history(alice))
                .singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(TransferStatus.VOIDED));
    }

    @Test
    void aChargeSplitIntoFiftyLegsIsAtomic() {
        UUID modelTenant = db.newTenant();
        LedgerAccount credits = db.inTransaction(l -> l.open(tenant, null, AccountKind.PREPAID_CREDITS, currency));
        LedgerAccount fees = db.inTransaction(l -> l.open(null, null, AccountKind.PLATFORM_FEES, currency));
        UUID owner = db.newMember(modelTenant);
        LedgerAccount modelOwner =
                db.inTransaction(l -> l.open(modelTenant, owner, AccountKind.MODEL_OWNER_EARNINGS, currency));
        List<LedgerAccount> contributors = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            contributors.add(earnings(modelTenant));
        }
        deposit(credits, 1_000);

        // 47 contributors x 10 + model owner 300 + platform fee 230 = 1000, debited from the tenant's credits.
        List<Leg> legs = new ArrayList<>();
        legs.add(Leg.of(credits.getId(), -1_000));
        contributors.forEach(c -> legs.add(Leg.of(c.getId(), 10)));
        legs.add(Leg.of(modelOwner.getId(), 300));
        legs.add(Leg.of(fees.getId(), 230));
        assertThat(legs).hasSize(50);

        // The same split with one contributor's leg turned into a debit it cannot cover: nothing may be written.
        List<Leg> broken = new ArrayList<>(legs);
        broken.set(37, Leg.of(contributors.get(36).getId(), -10));
        broken.set(49, Leg.of(fees.getId(), 250));
        UUID brokenId = UUID.randomUUID();
        assertThatThrownBy(() -> db.run(l -> l.transfer(
                        TransferRequest.posted(brokenId, CauseType.INFERENCE_CHARGE, "inference-1", null, broken))))
                .isInstanceOf(InsufficientFunds.class)
                .hasMessageContaining(contributors.get(36).getId().toString());
        assertThat(legsOf(brokenId)).isEmpty();
        assertThat(balance(credits).posted()).isEqualTo(big(1_000));
        assertThat(balance(fees).posted()).isZero();

        UUID chargeId = UUID.randomUUID();
        db.run(l ->
                l.transfer(TransferRequest.posted(chargeId, CauseType.INFERENCE_CHARGE, "inference-2", null, legs)));

        assertThat(legsOf(chargeId)).containsExactlyElementsOf(legs);
        assertThat(balance(credits).posted()).isZero();
        assertThat(contributors).allSatisfy(c -> assertThat(balance(c).posted()).isEqualTo(big(10)));
        assertThat(balance(modelOwner).posted()).isEqualTo(big(300));
        assertThat(balance(fees).posted()).isEqualTo(big(230));
    }

    @Test
    void theTrialBalanceIsZeroAfterAThousandRandomTransfers() {
        Random random = new Random(20261124);
        List<LedgerAccount> accounts = new ArrayList<>(List.of(world, treasury));
        for (int i = 0; i < 10; i++) {
            accounts.add(earnings(tenant));
        }
        List<UUID> pending = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 1_000; i++) {
            int action = random.nextInt(10);
            try {
                if (action == 0 && !pending.isEmpty()) {
                    UUID id = pending.remove(random.nextInt(pending.size()));
                    db.run(l -> l.post(id));
                } else if (action == 1 && !pending.isEmpty()) {
                    UUID id = pending.remove(random.nextInt(pending.size()));
                    db.run(l -> l.voidTransfer(id));
                } else {
                    Collections.shuffle(accounts, random);
                    int legCount = 2 + random.nextInt(3);
                    List<Leg> legs = new ArrayList<>();
                    long total = 0;
                    for (int leg = 1; leg < legCount; leg++) {
                        long amount = 1 + random.nextInt(50);
                        legs.add(Leg.of(accounts.get(leg).getId(), amount));
                        total += amount;
                    }
                    legs.add(Leg.of(accounts.get(0).getId(), -total));
                    UUID id = UUID.randomUUID();
                    boolean isPending = action < 4;
                    db.run(l ->
                            l.transfer(new TransferRequest(id, CauseType.ADJUSTMENT, "random", null, legs, isPending)));
                    if (isPending) {
                        pending.add(id);
                    }
                }
            } catch (InsufficientFunds e) {
                refused++;
            }
        }

        TrialBalance books = db.inTransaction(l -> l.trialBalance(currency));
        assertThat(books.isBalanced()).as(books.toString()).isTrue();
        assertThat(books.accounts()).isEqualTo(12);
        assertThat(refused).as("the sequence should exercise refusals too").isBetween(50, 900);
        for (LedgerAccount account : accounts) {
            if (!account.isAllowNegative()) {
                assertThat(balance(account).available().signum()).isNotNegative();
            }
        }
    }

    @Test
    void concurrentTransfersFromEightThreadsNeverOverdrawAnAccount() throws Exception {
        LedgerAccount fees = db.inTransaction(l -> l.open(tenant, null, AccountKind.GAS, currency));
        List<LedgerAccount> sinks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sinks.add(earnings(tenant));
        }
        deposit(treasury, 200);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            LedgerAccount sink = sinks.get(t);
            long seed = t;
            results.add(threads.submit(() -> {
                Random random = new Random(seed);
                int succeeded = 0;
                for (int i = 0; i < 25; i++) {
                    // Legs in a random order, two contended rows: only id-ordered locking avoids deadlocks here.
                    List<Leg> legs = new ArrayList<>(
                            List.of(Leg.of(treasury.getId(), -2), Leg.of(fees.getId(), 1), Leg.of(sink.getId(), 1)));
                    Collections.shuffle(legs, random);
                    boolean isPending = random.nextBoolean();
                    try {
                        db.run(l -> l.transfer(new TransferRequest(
                                UUID.randomUUID(), CauseType.PAYOUT, "concurrent", null, legs, isPending)));
                        succeeded++;
                    } catch (InsufficientFunds e) {
                        // Expected once the treasury is exhausted.
                    }
                }
                return succeeded;
            }));
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        int succeeded = 0;
        for (Future<Integer> result : results) {
            succeeded += result.get();
        }

        assertThat(succeeded).isEqualTo(100);
        assertThat(balance(treasury).available()).isZero();
        assertThat(db.inTransaction(l -> l.trialBalance(currency)).isBalanced()).isTrue();
    }

    @Test
    void concurrentRetriesOfOneRequestWriteItOnceAndConcurrentOpensFindOneAccount() throws Exception {
        UUID member = db.newMember(tenant);
        deposit(treasury, 100);
        UUID id = UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<UUID>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            results.add(threads.submit(() -> db.inTransaction(l -> {
                LedgerAccount alice = l.open(tenant, member, AccountKind.CONTRIBUTOR_EARNINGS, currency);
                l.transfer(TransferRequest.posted(
                        id,
                        CauseType.GRANT,
                        "grant-once",
                        null,
                        List.of(Leg.of(treasury.getId(), -40), Leg.of(alice.getId(), 40))));
                return alice.getId();
            })));
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<UUID> accounts = new ArrayList<>();
        for (Future<UUID> result : results) {
            accounts.add(result.get());
        }

        assertThat(accounts).containsOnly(accounts.get(0));
        assertThat(balance(treasury).posted()).isEqualTo(big(60));
        assertThat(db.inTransaction(l -> l.balance(accounts.get(0))).posted()).isEqualTo(big(40));
    }

    @Test
    void theDatabaseRefusesToChangeLegsOrSettledTransfers() throws Exception {
        LedgerAccount alice = earnings(tenant);
        LedgerTransfer deposit = db.inTransaction(l -> l.transfer(TransferRequest.posted(
                UUID.randomUUID(),
                CauseType.DEPOSIT,
                "0xabc",
                null,
                List.of(Leg.of(world.getId(), -5), Leg.of(alice.getId(), 5)))));
        String id = deposit.getId().toString();

        try (Connection c = db.dataSource.getConnection();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() ->
                            st.executeUpdate("update ledger_leg set amount = 500 where transfer_id = '" + id + "'"))
                    .hasMessageContaining("ledger_leg is immutable");
            assertThatThrownBy(() -> st.executeUpdate("delete from ledger_leg where transfer_id = '" + id + "'"))
                    .hasMessageContaining("ledger_leg is immutable");
            assertThatThrownBy(() -> st.executeUpdate("truncate ledger_leg cascade"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> st.executeUpdate(
                            "update ledger_transfer set status = 'VOIDED', posted_at = null, voided_at = now()"
                                    + " where id = '" + id + "'"))
                    .hasMessageContaining("is POSTED and can no longer change");
            assertThatThrownBy(() -> st.executeUpdate("delete from ledger_transfer where id = '" + id + "'"))
                    .hasMessageContaining("never deleted");
            assertThatThrownBy(() -> st.executeUpdate(
                            "update ledger_account set posted_balance = -1" + " where id = '" + alice.getId() + "'"))
                    .hasMessageContaining("ledger_account_not_overdrawn");
        }
    }

    @Test
    void theDatabaseRefusesUnbalancedLegsAtCommit() throws Exception {
        LedgerAccount alice = earnings(tenant);
        UUID id = UUID.randomUUID();
        try (Connection c = db.dataSource.getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("insert into ledger_transfer values ('" + id + "', 'POSTED', 'ADJUSTMENT', 'sql', null,"
                    + " now(), now(), null)");
            st.executeUpdate("insert into ledger_leg values ('" + id + "', 0, '" + world.getId() + "', -5)");
            st.executeUpdate("insert into ledger_leg values ('" + id + "', 1, '" + alice.getId() + "', 4)");
            assertThatThrownBy(c::commit).hasMessageContaining("does not sum to zero: " + currency + " off by -1");
        }
    }

    /** Serving's sweeper finds reservations a crashed node never released by cause and age, and voids them. */
    @Test
    void pendingTransfersAreFoundByCauseAndAgeUntilVoided() {
        deposit(treasury, 100);
        LedgerAccount held = earnings(tenant);
        UUID reservation = UUID.randomUUID();
        db.run(l -> l.transfer(TransferRequest.pending(
                reservation,
                CauseType.INFERENCE_CHARGE,
                "test",
                null,
                List.of(Leg.of(treasury.getId(), -40), Leg.of(held.getId(), 40)))));
        java.time.Instant later = java.time.Instant.now().plusSeconds(3600);
        java.time.Instant earlier = java.time.Instant.now().minusSeconds(3600);
        assertThat(pending(CauseType.INFERENCE_CHARGE, later)).contains(reservation);
        assertThat(pending(CauseType.INFERENCE_CHARGE, earlier)).doesNotContain(reservation);
        assertThat(pending(CauseType.PAYOUT, later)).doesNotContain(reservation);
        assertThat(balance(treasury).available()).isEqualTo(big(60));
        db.run(l -> l.voidTransfer(reservation));
        assertThat(pending(CauseType.INFERENCE_CHARGE, later)).doesNotContain(reservation);
        assertThat(balance(treasury).available()).isEqualTo(big(100));
    }

    private List<UUID> pending(CauseType cause, java.time.Instant before) {
        return db.inTransaction(l -> l.pendingBefore(cause, before, 1000));
    }
}
