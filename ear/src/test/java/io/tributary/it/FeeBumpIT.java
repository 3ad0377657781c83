package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static io.tributary.it.OnChain.trib;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.devstack.TestPlatform;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A payout transaction stuck in the mempool (nothing is mined) is replaced with the same nonce and a higher fee after the
 * configured wait (6 s in the tests); once blocks come again the replacement is mined and the ledger settles once,
 * and reconciliation (which watches every hash of the nonce) agrees with the chain (issue 11).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeeBumpIT {

    private static final Duration CHAIN_WAIT = Duration.ofSeconds(150);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    private static JsonObject batchTransaction(Api admin, String run) {
        return admin.get("/payouts/" + run)
                .object()
                .getJsonArray("batches")
                .getJsonObject(0)
                .getJsonObject("transaction");
    }

    @Test
    void aStuckPayoutIsReplacedWithAHigherFeeAndSettlesOnce() {
        Api olivia = Api.as("olivia@acme.test");
        WalletIT.awaitDemoPayout(olivia);
        Api victor = Api.as("victor@acme.test");
        String address = victor.get("/earnings/withdrawal-address").object().getString("address");
        String victorId = olivia.memberId("victor@acme.test");
        Api.Answer grant = olivia.post(
                "/treasury/grants",
                "{\"memberId\":\"" + victorId
                        + "\",\"kind\":\"VALIDATOR_EARNINGS\",\"amount\":13,\"memo\":\"fee bump\"}");
        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        await(
                "Acme's wallet to be idle",
                CHAIN_WAIT,
                () -> olivia.get("/wallet/transactions").array().stream()
                        .map(JsonValue::asJsonObject)
                        .allMatch(t -> t.getString("status").matches("CONFIRMED|FAILED|CANCELLED")));
        BigInteger before = OnChain.tokens(address);

        var chain = TestPlatform.chain();
        String run;
        String firstHash;
        String bumpedHash;
        try {
            // Nothing is mined: the payout waits in the mempool past the fee-bump wait (6 s here).
            chain.setIntervalMining(0);
            chain.setAutomine(false);
            Api.Answer started = olivia.post("/payouts", "{}", UUID.randomUUID().toString());
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            run = started.object().getString("id");
            await(
                    "the payout to be broadcast",
                    CHAIN_WAIT,
                    () -> !olivia.get("/payouts/" + run)
                                    .object()
                                    .getJsonArray("batches")
                                    .isEmpty()
                            && batchTransaction(olivia, run).getString("status").equals("BROADCAST"));
            firstHash = batchTransaction(olivia, run).getString("txHash");
            await(
                    "the stuck payout to be signed again with a higher fee and sent",
                    CHAIN_WAIT,
                    () -> !batchTransaction(olivia, run).getString("txHash").equals(firstHash)
                            && batchTransaction(olivia, run).getString("status").equals("BROADCAST"));
            bumpedHash = batchTransaction(olivia, run).getString("txHash");
        } finally {
            chain.setAutomine(true);
            chain.setIntervalMining(1_000);
        }
        JsonObject done = WalletIT.awaitRun(olivia, run, "COMPLETED");
        JsonObject transaction = done.getJsonArray("batches").getJsonObject(0).getJsonObject("transaction");
        assertThat(transaction.getString("status")).isEqualTo("CONFIRMED");
        assertThat(transaction.getString("txHash")).isEqualTo(bumpedHash).isNotEqualTo(firstHash);
        BigInteger line = olivia.get("/payouts/" + run).object().getJsonArray("lines").stream()
                .map(JsonValue::asJsonObject)
                .filter(l -> l.getString("address").equalsIgnoreCase(address))
                .map(l -> l.getJsonNumber("amount").bigIntegerValue())
                .findFirst()
                .orElseThrow();
        assertThat(line).isGreaterThanOrEqualTo(trib(13));
        assertThat(OnChain.tokens(address)).isEqualTo(before.add(line));
        await(
                "a clean reconciliation",
                CHAIN_WAIT,
                () -> olivia.get("/wallet").object().getBoolean("reconciledOk", false)
                        && !olivia.get("/wallet").object().getBoolean("frozen"));
        assertThat(OnChain.tokens(olivia.get("/wallet").object().getString("address")))
                .isEqualTo(olivia.get("/wallet")
                        .object()
                        .getJsonNumber("ledgerHoldings")
                        .bigIntegerValue());
    }
}
