package io.tributary.it;

import static io.tributary.it.OnChain.trib;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The attacks of one org admin on the second-admin rule (issue 11, high 4), tried against the running server: approving
 * their own payout with a key they just issued, loosening the withdrawal policy alone, granting themselves treasury
 * money; and retried grants paying once. Each ends with Acme's policy back at its defaults.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecondAdminIT {

    private static final String DEFAULT_POLICY = policy(100_000, 10_000, 10, 24);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    private static String policy(long daily, long approval, long minimum, int coolingOffHours) {
        return "{\"dailyLimit\":" + daily + ",\"approvalThreshold\":" + approval + ",\"payoutMinimum\":" + minimum
                + ",\"coolingOffHours\":" + coolingOffHours + ",\"scheduledPayouts\":false}";
    }

    private static String grantBody(String memberId, String amount, String memo) {
        return "{\"memberId\":\"" + memberId + "\",\"kind\":\"VALIDATOR_EARNINGS\",\"amount\":" + amount
                + ",\"memo\":\"" + memo + "\"}";
    }

    private static BigInteger posted(Api member) {
        return member.get("/earnings").array().stream()
                .map(JsonValue::asJsonObject)
                .map(b -> b.getJsonNumber("posted").bigIntegerValue())
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static BigInteger treasury(Api admin) {
        return admin.get("/treasury").object().getJsonNumber("posted").bigIntegerValue();
    }

    private static BigInteger treasuryAvailable(Api admin) {
        JsonObject t = admin.get("/treasury").object();
        return t.getJsonNumber("posted")
                .bigIntegerValue()
                .subtract(t.getJsonNumber("pendingDebits").bigIntegerValue());
    }

    private static JsonObject policyInForce(Api admin) {
        return admin.get("/wallet").object().getJsonObject("policy");
    }

    private static String serviceKey(Api admin, String role) {
        Api.Answer issued =
                admin.post("/api-keys", "{\"name\":\"mine-" + UUID.randomUUID() + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.object().getString("secret");
    }

    private static String personalToken(Api member, String... scopes) {
        String list = scopes.length == 0 ? "" : "\"" + String.join("\",\"", scopes) + "\"";
        Api.Answer issued =
                member.post("/tokens", "{\"name\":\"cli-" + UUID.randomUUID() + "\",\"scopes\":[" + list + "]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.object().getString("secret");
    }

    @Test
    @Order(1)
    void anAdminCannotApproveTheirOwnPayoutWithAKeyOrTokenTheyIssued() {
        Api olivia = Api.as("olivia@acme.test");
        WalletIT.awaitDemoPayout(olivia);
        String vera = olivia.memberId("vera@acme.test");
        assertThat(olivia.post("/treasury/grants", grantBody(vera, "12", "attack setup"))
                        .status())
                .isEqualTo(200);
        assertThat(olivia.put("/wallet/policy", policy(100_000, 1, 1, 24)).status())
                .isEqualTo(200);
        Api.Answer started = olivia.post("/payouts", "{}", UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String run = started.object().getString("id");
        assertThat(started.object().getString("status")).isEqualTo("AWAITING_APPROVAL");

        // The attack: a fresh org-admin service key, then the admin's own personal access token.
        Api key = Api.withKey(serviceKey(olivia, "org-admin"));
        Api.Answer byKey = key.post("/payouts/" + run + "/approval", "{}");
        assertThat(byKey.status()).as(byKey.body()).isEqualTo(403);
        assertThat(byKey.object().getString("detail")).contains("service keys never approve");
        Api.Answer byToken = Api.withKey(personalToken(olivia)).post("/payouts/" + run + "/approval", "{}");
        assertThat(byToken.status()).as(byToken.body()).isEqualTo(403);
        assertThat(byToken.object().getString("detail")).contains("second org admin");
        assertThat(olivia.get("/payouts/" + run).object().getJsonObject("run").getString("status"))
                .isEqualTo("AWAITING_APPROVAL");

        assertThat(olivia.post("/payouts/" + run + "/rejection", "{\"reason\":\"attack test\"}")
                        .status())
                .isEqualTo(200);
        assertThat(olivia.all("/audit").toString()).contains("payout.approve", "DENIED");
    }

    @Test
    @Order(2)
    void oneAdminCannotLoosenThePolicyAloneAndASecondAdminsApprovalWaitsOutTheCoolingOff() {
        Api olivia = Api.as("olivia@acme.test");
        JsonObject before = policyInForce(olivia);

        Api.Answer loosen = olivia.put("/wallet/policy", policy(1_000_000, 1_000_000, 1, 0));
        assertThat(loosen.status()).as(loosen.body()).isEqualTo(202);
        JsonObject change = loosen.object();
        assertThat(change.getString("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(change.getString("whyApproval"))
                .contains("higher daily limit", "higher approval threshold", "shorter cooling-off");
        assertThat(policyInForce(olivia)).isEqualTo(before);

        String id = change.getString("id");
        for (Api self : new Api[] {
            olivia, Api.withKey(serviceKey(olivia, "org-admin")), Api.withKey(personalToken(olivia, "org-admin"))
        }) {
            Api.Answer refused = self.post("/wallet/changes/" + id + "/approval", "{}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        }
        assertThat(policyInForce(olivia)).isEqualTo(before);

        Api mia = CoolingOff.secondAdmin(olivia, "mia@acme.test", "model-builder");
        Api.Answer approved = mia.post("/wallet/changes/" + id + "/approval", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonObject cooling = approved.object();
        assertThat(cooling.getString("status")).isEqualTo("COOLING_OFF");
        assertThat(cooling.getString("decidedBy")).isEqualTo("mia@acme.test");
        assertThat(Duration.between(
                        Instant.parse(cooling.getString("decidedAt")), Instant.parse(cooling.getString("effectiveAt"))))
                .isEqualTo(Duration.ofHours(before.getInt("coolingOffHours")));
        assertThat(policyInForce(olivia)).isEqualTo(before);

        CoolingOff.pass(id);
        assertThat(policyInForce(olivia).getJsonNumber("dailyLimit").bigIntegerValue())
                .isEqualTo(trib(1_000_000));
        assertThat(policyInForce(olivia).getInt("coolingOffHours")).isZero();
        assertThat(olivia.all("/audit").toString())
                .contains("wallet.policy.request", "wallet.change.approve", "wallet.policy");

        // Tightening needs nobody else: back to the defaults at once.
        assertThat(olivia.put("/wallet/policy", DEFAULT_POLICY).status()).isEqualTo(200);
        assertThat(policyInForce(olivia).getInt("coolingOffHours")).isEqualTo(24);
    }

    @Test
    @Order(3)
    void selfGrantsAndGrantsAboveTheThresholdWaitForAnotherAdminAndTheCoolingOff() {
        Api olivia = Api.as("olivia@acme.test");
        Api mia = CoolingOff.secondAdmin(olivia, "mia@acme.test", "model-builder");
        String oliviaId = olivia.memberId("olivia@acme.test");
        String carlosId = olivia.memberId("carlos@acme.test");
        String miaId = olivia.memberId("mia@acme.test");
        BigInteger oliviaBefore = posted(olivia);
        BigInteger treasuryBefore = treasury(olivia);

        // The attack: an admin grants treasury money to themselves.
        Api.Answer self = olivia.post("/treasury/grants", grantBody(oliviaId, "5", "for me"));
        assertThat(self.status()).as(self.body()).isEqualTo(202);
        String selfGrant = self.object().getJsonObject("grant").getString("id");
        assertThat(self.object().getJsonObject("grant").getString("whyApproval"))
                .contains("grant to yourself");
        assertThat(posted(olivia)).isEqualTo(oliviaBefore);
        assertThat(olivia.post("/wallet/changes/" + selfGrant + "/approval", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(Api.withKey(serviceKey(olivia, "org-admin"))
                        .post("/wallet/changes/" + selfGrant + "/approval", "{}")
                        .status())
                .isEqualTo(403);
        // A service key the admin issued answers to that admin: its grant to them waits as well.
        Api.Answer byKey = Api.withKey(serviceKey(olivia, "org-admin"))
                .post("/treasury/grants", grantBody(oliviaId, "5", "for me, by key"));
        assertThat(byKey.status()).as(byKey.body()).isEqualTo(202);
        assertThat(mia.post(
                                "/wallet/changes/"
                                        + byKey.object().getJsonObject("grant").getString("id") + "/rejection",
                                "{\"reason\":\"no\"}")
                        .status())
                .isEqualTo(200);

        assertThat(mia.post("/wallet/changes/" + selfGrant + "/approval", "{}").status())
                .isEqualTo(200);
        assertThat(posted(olivia)).isEqualTo(oliviaBefore);
        CoolingOff.pass(selfGrant);
        assertThat(posted(olivia)).isEqualTo(oliviaBefore.add(trib(5)));
        assertThat(treasury(olivia)).isEqualTo(treasuryBefore.subtract(trib(5)));

        // Above the threshold: a second admin, who is not the grantee, then the cooling-off; stoppable until then.
        assertThat(olivia.put("/wallet/policy", policy(100_000, 100, 10, 24)).status())
                .isEqualTo(200);
        BigInteger carlosBefore = posted(Api.as("carlos@acme.test"));
        Api.Answer large = olivia.post("/treasury/grants", grantBody(carlosId, "150", "large"));
        assertThat(large.status()).as(large.body()).isEqualTo(202);
        String largeGrant = large.object().getJsonObject("grant").getString("id");
        assertThat(treasuryAvailable(olivia)).isEqualTo(treasuryBefore.subtract(trib(155)));
        assertThat(mia.post("/wallet/changes/" + largeGrant + "/approval", "{}").status())
                .isEqualTo(200);
        assertThat(olivia.post("/wallet/changes/" + largeGrant + "/rejection", "{\"reason\":\"changed my mind\"}")
                        .object()
                        .getString("status"))
                .isEqualTo("REJECTED");
        assertThat(posted(Api.as("carlos@acme.test"))).isEqualTo(carlosBefore);
        assertThat(treasuryAvailable(olivia)).isEqualTo(treasuryBefore.subtract(trib(5)));

        Api.Answer toMia = olivia.post("/treasury/grants", grantBody(miaId, "150", "to the approver"));
        assertThat(toMia.status()).isEqualTo(202);
        String toMiaId = toMia.object().getJsonObject("grant").getString("id");
        Api.Answer miaApproves = mia.post("/wallet/changes/" + toMiaId + "/approval", "{}");
        assertThat(miaApproves.status()).isEqualTo(403);
        assertThat(mia.post("/wallet/changes/" + toMiaId + "/rejection", "{\"reason\":\"not for me to decide\"}")
                        .status())
                .isEqualTo(200);

        CoolingOff.enforcePolicy(olivia, mia, DEFAULT_POLICY);
        assertThat(policyInForce(olivia).getJsonNumber("approvalThreshold").bigIntegerValue())
                .isEqualTo(trib(10_000));
        assertThat(olivia.all("/audit").toString())
                .contains("earnings.grant.request", "wallet.change.reject", "wallet.change.approve");
    }

    @Test
    @Order(4)
    void aRetriedGrantPaysOnceAndAKeyReusedForAnotherRequestIsRefused() {
        Api olivia = Api.as("olivia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        String carlosId = olivia.memberId("carlos@acme.test");
        BigInteger carlosBefore = posted(carlos);
        BigInteger treasuryBefore = treasury(olivia);
        String key = UUID.randomUUID().toString();

        Api.Answer first = olivia.post("/treasury/grants", grantBody(carlosId, "3", "retried"), key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        Api.Answer retry = olivia.post("/treasury/grants", grantBody(carlosId, "3", "retried"), key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.object().getJsonObject("grant").getString("id"))
                .isEqualTo(first.object().getJsonObject("grant").getString("id"));
        assertThat(posted(carlos)).isEqualTo(carlosBefore.add(trib(3)));
        assertThat(treasury(olivia)).isEqualTo(treasuryBefore.subtract(trib(3)));

        Api.Answer other = olivia.post("/treasury/grants", grantBody(carlosId, "4", "retried"), key);
        assertThat(other.status()).as(other.body()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.object().getString("detail")).contains("different request");
        assertThat(posted(carlos)).isEqualTo(carlosBefore.add(trib(3)));

        // Keys belong to their caller: the same key from an organization service key is another request.
        Api.Answer byKey = Api.withKey(serviceKey(olivia, "org-admin"))
                .post("/treasury/grants", grantBody(carlosId, "3", "retried"), key);
        assertThat(byKey.status()).as(byKey.body()).isEqualTo(200);
        assertThat(byKey.object().getJsonObject("grant").getString("id"))
                .isNotEqualTo(first.object().getJsonObject("grant").getString("id"));
        assertThat(posted(carlos)).isEqualTo(carlosBefore.add(trib(6)));
    }

    @Test
    @Order(5)
    void aSecondAdminApprovesOnTheWalletPage() {
        Api olivia = Api.as("olivia@acme.test");
        CoolingOff.secondAdmin(olivia, "mia@acme.test", "model-builder");
        Api.Answer loosen = olivia.put("/wallet/policy", policy(200_000, 10_000, 10, 24));
        assertThat(loosen.status()).as(loosen.body()).isEqualTo(202);
        String id = loosen.object().getString("id");
        try (Browser browser = new Browser().signIn("mia@acme.test")) {
            browser.open("/organization/wallet.xhtml");
            // Amounts read with grouping and unit, states as words (they read "200000" and "COOLING_OFF" before).
            assertThat(browser.text(By.id("changes:open-changes")))
                    .contains("daily limit 200,000.00 TRIB", "olivia@acme.test");
            browser.click(By.id("changes:open-changes:0:approve-change"));
            browser.waitForText(By.id("changes:open-changes"), "Cooling off");
            browser.screenshot("wallet-change-approved");
        }
        assertThat(olivia.get("/wallet/changes/" + id).object().getString("status"))
                .isEqualTo("COOLING_OFF");
        assertThat(policyInForce(olivia).getJsonNumber("dailyLimit").bigIntegerValue())
                .isEqualTo(trib(100_000));
        assertThat(olivia.post("/wallet/changes/" + id + "/rejection", "{\"reason\":\"test over\"}")
                        .object()
                        .getString("status"))
                .isEqualTo("REJECTED");
    }
}
