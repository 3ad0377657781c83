package io.tributary.it;

import static io.tributary.it.OnChain.trib;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** Earnings on the ledger: grants from a treasury funded on chain, refusals that change nothing, statements. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EarningsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    private static BigInteger posted(Api api, String path) {
        return api.get(path).object().getJsonNumber("posted").bigIntegerValue();
    }

    private static BigInteger contributorEarnings(Api api) {
        List<JsonObject> balances = api.get("/earnings").array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
        return balances.get(0).getJsonNumber("posted").bigIntegerValue();
    }

    @Test
    void grantsMoveTreasuryFundsToMembersAndRefusalsChangeNothing() {
        Api olivia = Api.as("olivia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        // The demo funds Acme's treasury by an on-chain deposit and pays its first earnings out; start after that.
        WalletIT.awaitDemoPayout(olivia);
        BigInteger treasuryBefore = posted(olivia, "/treasury");
        BigInteger earningsBefore = contributorEarnings(carlos);

        String carlosId = olivia.memberId("carlos@acme.test");
        String grant =
                "{\"memberId\":\"" + carlosId + "\",\"kind\":\"CONTRIBUTOR_EARNINGS\",\"amount\":%s,\"memo\":\"%s\"}";
        assertThat(olivia.post("/treasury/grants", grant.formatted("250", "March contributions"))
                        .status())
                .isEqualTo(200);
        assertThat(olivia.post("/treasury/grants", grant.formatted("0.5", "half a token"))
                        .status())
                .isEqualTo(200);
        BigInteger granted = trib("250.5");
        assertThat(contributorEarnings(carlos)).isEqualTo(earningsBefore.add(granted));
        assertThat(posted(olivia, "/treasury")).isEqualTo(treasuryBefore.subtract(granted));

        Api.Answer tooMuch = olivia.post("/treasury/grants", grant.formatted("1000000000", "too much"));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.object().getString("detail")).contains("short by");
        for (String bad : List.of("-5", "0", "0.0000000000000000001")) {
            assertThat(olivia.post("/treasury/grants", grant.formatted(bad, "bad"))
                            .status())
                    .as(bad)
                    .isEqualTo(400);
        }
        String gus = Api.as("gina@globex.test").memberId("gus@globex.test");
        assertThat(olivia.post(
                                "/treasury/grants",
                                "{\"memberId\":\"" + gus
                                        + "\",\"kind\":\"CONTRIBUTOR_EARNINGS\",\"amount\":1,\"memo\":\"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(carlos.post("/treasury/grants", grant.formatted("1", "self")).status())
                .isEqualTo(403);
        assertThat(posted(olivia, "/treasury")).isEqualTo(treasuryBefore.subtract(granted));
        assertThat(contributorEarnings(carlos)).isEqualTo(earningsBefore.add(granted));

        Api.Answer statement = carlos.get("/earnings/statement.csv");
        assertThat(statement.contentType()).startsWith("text/csv");
        assertThat(statement.body())
                .startsWith("transfer,amount")
                .contains("GRANT", trib("250").toString(), "March contributions", "PAYOUT");
        assertThat(Api.as("gus@globex.test").get("/earnings/statement.csv").body())
                .doesNotContain("March");
        assertThat(olivia.all("/audit").toString()).contains("earnings.grant");

        try (Browser browser = new Browser().signIn("carlos@acme.test")) {
            browser.open("/rewards/wallet.xhtml");
            // The history table sits in a form now (it sorts and filters): its id carries the form's.
            assertThat(browser.text(By.id("history-form:history")))
                    .contains("March contributions", "250", "half a token", "0.5");
            browser.screenshot("wallet-contributor");
        }
    }

    /**
     * A client that retries at once sends the same grant twice at the same moment: every request answers with the one
     * grant the first made, and the treasury pays once (the requests meet on the wallet's lock, not on the key's
     * unique index, which would fail the second with a 500).
     */
    @Test
    void concurrentRetriesOfAGrantWithOneIdempotencyKeyGrantOnce() throws Exception {
        Api olivia = Api.as("olivia@acme.test");
        WalletIT.awaitDemoPayout(olivia);
        BigInteger treasuryBefore = posted(olivia, "/treasury");
        String body = "{\"memberId\":\"" + olivia.memberId("carlos@acme.test")
                + "\",\"kind\":\"CONTRIBUTOR_EARNINGS\",\"amount\":3,\"memo\":\"retried grant\"}";
        String key = UUID.randomUUID().toString();
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return olivia.post("/treasury/grants", body, key);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<Api.Answer> answer : answers) {
                Api.Answer a = answer.get();
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                ids.add(a.object().getJsonObject("grant").getString("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(posted(olivia, "/treasury")).isEqualTo(treasuryBefore.subtract(trib("3")));
    }
}
