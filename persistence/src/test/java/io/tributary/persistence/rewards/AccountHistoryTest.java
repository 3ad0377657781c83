package io.tributary.persistence.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.persistence.ListQuery;
import io.tributary.persistence.Page;
import io.tributary.persistence.PageRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An earnings history sorted and filtered by the columns a person picks, in the database, on a real PostgreSQL. */
class AccountHistoryTest {

    static final LedgerDatabase db = LedgerDatabase.get();

    LedgerAccount alice;

    @BeforeEach
    void threeGrantsAndAnAdjustment() {
        String currency = "H"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        UUID tenant = db.newTenant();
        LedgerAccount world = db.inTransaction(l -> l.open(null, null, AccountKind.EXTERNAL, currency));
        LedgerAccount treasury = db.inTransaction(l -> l.open(tenant, null, AccountKind.TENANT_TREASURY, currency));
        UUID member = db.newMember(tenant);
        alice = db.inTransaction(l -> l.open(tenant, member, AccountKind.CONTRIBUTOR_EARNINGS, currency));
        pay(world, treasury, CauseType.DEPOSIT, null, 1_000);
        pay(treasury, alice, CauseType.GRANT, "March contributions", 30);
        pay(treasury, alice, CauseType.ADJUSTMENT, "rounding fix", 5);
        pay(treasury, alice, CauseType.GRANT, "April contributions", 10);
    }

    void pay(LedgerAccount from, LedgerAccount to, CauseType cause, String memo, long amount) {
        db.run(l -> l.transfer(TransferRequest.posted(
                UUID.randomUUID(),
                cause,
                "test",
                memo,
                List.of(Leg.of(from.getId(), -amount), Leg.of(to.getId(), amount)))));
    }

    Page<AccountEntry> history(ListQuery query) {
        return db.inTransaction(l -> l.history(List.of(alice.getId()), query));
    }

    static ListQuery first() {
        return ListQuery.of(new PageRequest(1, 10));
    }

    static List<BigInteger> amounts(Page<AccountEntry> page) {
        return page.items().stream().map(AccountEntry::amount).toList();
    }

    @Test
    void withoutAColumnTheNewestComesFirst() {
        assertThat(amounts(history(first()))).containsExactly(big(10), big(5), big(30));
    }

    @Test
    void sortsByAmountBothWays() {
        assertThat(amounts(history(first().sorted("amount", false)))).containsExactly(big(5), big(10), big(30));
        assertThat(amounts(history(first().sorted("amount", true)))).containsExactly(big(30), big(10), big(5));
    }

    @Test
    void filtersByCauseAndByAWordOfTheMemoAndCountsWhatMatches() {
        Page<AccountEntry> grants = history(first().filtered("cause", "GRANT"));
        assertThat(amounts(grants)).containsExactly(big(10), big(30));
        assertThat(grants.total()).isEqualTo(2);

        Page<AccountEntry> march = history(first().filtered("memo", "MARCH"));
        assertThat(amounts(march)).containsExactly(big(30));
        assertThat(march.total()).isEqualTo(1);
    }

    @Test
    void aColumnTheListDoesNotDeclareNeverReachesTheQuery() {
        ListQuery hostile = new ListQuery(
                new PageRequest(1, 10), "t.id; drop table ledger_leg", true, Map.of("t.memo or 1=1 --", "x"));
        assertThat(amounts(history(hostile))).containsExactly(big(10), big(5), big(30));
    }

    @Test
    void aCauseThatIsNoCauseMatchesNothing() {
        Page<AccountEntry> none = history(first().filtered("cause", "NOT_A_CAUSE"));
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
    }

    static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
