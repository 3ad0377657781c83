package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static io.tributary.it.OnChain.trib;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.devstack.TestPlatform;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A payout transaction stuck in the mempool (its fee cap below the base fee) is replaced with the same nonce and a
 * higher fee after the configured wait (6 s in the tests), and the ledger settles once (issue 11).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeeBumpIT {

    private static final Duration CHAIN_WAIT = Duration.ofSeconds(150);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** A raw JSON-RPC call to the dev chain, for the Hardhat methods the test drives the fee market with. */
    private static void rpc(String method, String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            TestPlatform.deployment().rpcUrl().toString()))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).as(method).doesNotContain("\"error\"");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        try {
            // Nothing is mined while the payout is signed and sent; then the base fee jumps far above its fee cap.
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
            rpc(
                    "hardhat_setNextBlockBaseFeePerGas",
                    "[\"0x" + BigInteger.TEN.pow(11).toString(16) + "\"]");
        } finally {
            chain.setIntervalMining(1_000);
        }
        try {
            JsonObject done = WalletIT.awaitRun(olivia, run, "COMPLETED");
            JsonObject transaction =
                    done.getJsonArray("batches").getJsonObject(0).getJsonObject("transaction");
            assertThat(transaction.getString("status")).isEqualTo("CONFIRMED");
            assertThat(transaction.getString("txHash")).isNotEqualTo(firstHash);
        } finally {
            chain.setAutomine(true);
        }
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
