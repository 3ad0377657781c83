package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.devstack.DevStack;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Personal access tokens act as their member (issue 11): the README's API journey run as written with tokens of Carlos,
 * Vera, Mia and Olivia; scopes within the member's current roles; revocation, expiry; service keys never earn.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PersonalAccessTokenIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** Issues the member a token, as they would on their Personal access tokens page; returns {id, secret}. */
    private static String[] token(Api member, String scope) {
        Api.Answer issued =
                member.post("/tokens", "{\"name\":\"cli " + UUID.randomUUID() + "\",\"scopes\":[\"" + scope + "\"]}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.object().getString("secret")).startsWith("trb_");
        return new String[] {
            issued.object().getJsonObject("key").getString("id"),
            issued.object().getString("secret")
        };
    }

    private static byte[] records(String... questions) {
        StringBuilder jsonl = new StringBuilder();
        for (String q : questions) {
            jsonl.append("{\"question\":\"").append(q).append("\",\"answer\":\"Answered by a token test.\"}\n");
        }
        return jsonl.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void sql(String statement, Object parameter) {
        try (Connection c = DriverManager.getConnection(
                        Api.PORTS.jdbcUrl("tributary"), DevStack.DB_USER, DevStack.DB_PASSWORD);
                PreparedStatement update = c.prepareStatement(statement)) {
            update.setObject(1, parameter);
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theReadmeApiJourneyRunsWithPersonalAccessTokens() {
        Api carlos = Api.withKey(token(Api.as("carlos@acme.test"), "contributor")[1]);
        Api vera = Api.withKey(token(Api.as("vera@acme.test"), "validator")[1]);
        Api mia = Api.withKey(token(Api.as("mia@acme.test"), "model-builder")[1]);
        Api olivia = Api.withKey(token(Api.as("olivia@acme.test"), "org-admin")[1]);

        String name = "Token journey " + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = mia.post("/datanets", """
                {"name":"%s","domain":"testing","description":"Made with a personal access token.","tags":["test"],
                 "recordType":"QUESTION_ANSWER","licence":"CC0-1.0","visibility":"PRIVATE",
                 "allowedFormats":["JSONL"],"maxUploadBytes":1048576,"dailyQuota":100000,
                 "badLinePolicy":"KEEP_VALID","personalDataPolicy":"FLAG","nearDuplicateThreshold":0.8,
                 "approvalsRequired":1,"reviewersPerRecord":1,"validatorPool":"OWNER_ORGANIZATION"}
                """.formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String datanet = created.object().getString("id");

        // curl -H "Authorization: Bearer trb_…" -X POST --data-binary @records.jsonl ".../uploads?fileName=..."
        Api.Answer upload = carlos.upload(
                "/datanets/" + datanet + "/uploads?fileName=records.jsonl",
                records("Which organ filters the blood " + UUID.randomUUID() + "?"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        List<JsonObject> mine = carlos.get("/contributions/mine").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(r -> r.getString("dataNetId").equals(datanet))
                .toList();
        assertThat(mine).hasSize(1);
        String record = mine.get(0).getString("id");

        Api.Answer review = vera.post(
                "/contributions/" + record + "/reviews", "{\"verdict\":\"approve\",\"reason\":\"matches guidance\"}");
        assertThat(review.status()).as(review.body()).isIn(200, 201);
        Api.Answer release = mia.post("/datanets/" + datanet + "/releases", "");
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        int version = release.object().getInt("version");
        Api.Answer proof = mia.get("/datanets/" + datanet + "/releases/" + version + "/proofs/" + record);
        assertThat(proof.status()).as(proof.body()).isEqualTo(200);
        assertThat(proof.body()).contains(release.object().getString("merkleRoot"));

        // Payouts with an Idempotency-Key: a retry returns the run, another body under the same key is refused.
        WalletIT.awaitDemoPayout(olivia);
        Api.Answer grant = olivia.post(
                "/treasury/grants",
                "{\"memberId\":\"" + olivia.memberId("vera@acme.test")
                        + "\",\"kind\":\"VALIDATOR_EARNINGS\",\"amount\":15,\"memo\":\"token journey\"}");
        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        String key = UUID.randomUUID().toString();
        Api.Answer run = olivia.post("/payouts", "", key);
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        Api.Answer again = olivia.post("/payouts", "", key);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.object().getString("id")).isEqualTo(run.object().getString("id"));
        // The same member signed in is the same caller: their session's retry meets the token's run too.
        assertThat(Api.as("olivia@acme.test").post("/payouts", "", key).object().getString("id"))
                .isEqualTo(run.object().getString("id"));
        Api.Answer otherBody = olivia.post("/payouts", "{\"note\":\"another request\"}", key);
        assertThat(otherBody.status()).as(otherBody.body()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
        assertThat(olivia.get("/payouts/" + run.object().getString("id")).status())
                .isEqualTo(200);
        assertThat(run.object().getString("requestedBy")).isEqualTo("olivia@acme.test");
    }

    @Test
    void aTokenCarriesOnlyRolesItsMemberStillHoldsAndEndsWhenRevokedOrExpired() {
        Api olivia = Api.as("olivia@acme.test");
        Api carlosSignedIn = Api.as("carlos@acme.test");
        String carlosId = olivia.memberId("carlos@acme.test");

        assertThat(carlosSignedIn
                        .post("/tokens", "{\"name\":\"too much\",\"scopes\":[\"org-admin\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(carlosSignedIn
                        .post("/tokens", "{\"name\":\"forever\",\"expiresInDays\":0}")
                        .status())
                .isEqualTo(400);
        String[] issued = token(carlosSignedIn, "contributor");
        Api carlos = Api.withKey(issued[1]);
        assertThat(carlos.post("/tokens", "{\"name\":\"from a token\"}").status())
                .isEqualTo(403);
        assertThat(carlos.get("/earnings").status()).isEqualTo(200);
        assertThat(olivia.get("/api-keys").body()).contains(issued[0], "personal-access-token");

        // A role removed from the member leaves the token at once.
        String datanet = Api.as("mia@acme.test").get("/datanets").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(d -> d.getString("name").equals("Clinical Q&A"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        assertThat(olivia.put("/members/" + carlosId + "/roles", "{\"roles\":[\"validator\"]}")
                        .status())
                .isEqualTo(200);
        Api.Answer withoutRole = carlos.upload(
                "/datanets/" + datanet + "/uploads?fileName=x.jsonl", records("Is this refused " + UUID.randomUUID()));
        assertThat(withoutRole.status()).as(withoutRole.body()).isEqualTo(403);
        assertThat(olivia.put("/members/" + carlosId + "/roles", "{\"roles\":[\"contributor\"]}")
                        .status())
                .isEqualTo(200);

        // Organization service keys belong to nobody: they never earn, so they cannot contribute.
        Api.Answer serviceKey =
                olivia.post("/api-keys", "{\"name\":\"ingest " + UUID.randomUUID() + "\",\"roles\":[\"contributor\"]}");
        Api.Answer byServiceKey = Api.withKey(serviceKey.object().getString("secret"))
                .upload("/datanets/" + datanet + "/uploads?fileName=x.jsonl", records("By a machine?"));
        assertThat(byServiceKey.status()).isEqualTo(403);
        // The attack: a leaked org-admin token minted a service key that outlived the token's revocation.
        String[] admins = token(olivia, "org-admin");
        Api.Answer minted = Api.withKey(admins[1])
                .post("/api-keys", "{\"name\":\"persist " + UUID.randomUUID() + "\",\"roles\":[\"org-admin\"]}");
        assertThat(minted.status()).as(minted.body()).isEqualTo(403);
        assertThat(minted.object().getString("detail")).contains("signed in");
        assertThat(olivia.delete("/api-keys/" + admins[0]).status()).isEqualTo(200);

        // Revoked by the member, and by an org admin.
        assertThat(carlosSignedIn.delete("/tokens/" + issued[0]).status()).isEqualTo(200);
        assertThat(carlos.get("/earnings").status()).isEqualTo(401);
        String[] second = token(carlosSignedIn, "contributor");
        assertThat(olivia.delete("/api-keys/" + second[0]).status()).isEqualTo(200);
        assertThat(Api.withKey(second[1]).get("/earnings").status()).isEqualTo(401);

        // Expired: the test moves the expiry into the past rather than waiting 90 days.
        String[] third = token(carlosSignedIn, "contributor");
        assertThat(Api.withKey(third[1]).get("/earnings").status()).isEqualTo(200);
        sql("update api_key set expires_at = now() - interval '1 second' where id = ?", UUID.fromString(third[0]));
        Api.Answer expired = Api.withKey(third[1]).get("/earnings");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.object().getString("detail")).contains("expired");
        assertThat(carlosSignedIn.get("/tokens").array()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aMemberIssuesAndRevokesATokenOnTheirOwnPage() {
        try (Browser browser = new Browser().signIn("vera@acme.test")) {
            browser.click(By.id("personal-tokens"));
            browser.type(By.id("issue:name"), "laptop");
            browser.click(By.id("issue:create"));
            String secret = browser.text(By.id("secret"));
            assertThat(secret).startsWith("trb_");
            assertThat(Api.withKey(secret).get("/earnings").status()).isEqualTo(200);
            assertThat(browser.text(By.id("tokens:table"))).contains("laptop", "validator");
            browser.screenshot("personal-access-tokens");
            browser.click(By.id("tokens:table:0:revoke"));
            // The status reads "Revoked" (it read "revoked" before).
            browser.waitForText(By.id("tokens:table"), "Revoked");
            assertThat(Api.withKey(secret).get("/earnings").status()).isEqualTo(401);
        }
    }
}
