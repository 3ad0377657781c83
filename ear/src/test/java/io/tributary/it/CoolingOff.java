package io.tributary.it;

import static io.tributary.it.OnChain.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.devstack.DevStack;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The passage of time for approved wallet changes: instead of waiting out a 24-hour cooling-off period, a test moves
 * the change's end of cooling-off to now in PostgreSQL, and the server's own timer applies it.
 */
final class CoolingOff {

    private CoolingOff() {}

    /** Ends the cooling-off period of an approved change now; fails unless the change is cooling off. */
    static void pass(String changeId) {
        try (Connection c = DriverManager.getConnection(
                        Api.PORTS.jdbcUrl("tributary"), DevStack.DB_USER, DevStack.DB_PASSWORD);
                PreparedStatement update = c.prepareStatement(
                        "update wallet_change set effective_at = now()" + " where id = ? and status = 'COOLING_OFF'")) {
            update.setObject(1, UUID.fromString(changeId));
            assertThat(update.executeUpdate())
                    .as("change " + changeId + " cooling off")
                    .isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        await(
                "change " + changeId + " to take effect",
                Duration.ofSeconds(60),
                () -> Api.as("olivia@acme.test")
                        .get("/wallet/changes/" + changeId)
                        .object()
                        .getString("status")
                        .equals("APPLIED"));
    }

    /**
     * Ends the cooling-off of a member's newly registered withdrawal address, if it is still cooling off (an earlier
     * test may have replaced the address).
     */
    static void addressUsableNow(String address) {
        try (Connection c = DriverManager.getConnection(
                        Api.PORTS.jdbcUrl("tributary"), DevStack.DB_USER, DevStack.DB_PASSWORD);
                PreparedStatement update = c.prepareStatement("update withdrawal_address set usable_from = now()"
                        + " where lower(address) = lower(?) and removed_at is null and usable_from > now()")) {
            update.setString(1, address);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Puts a policy in force: at once when it only tightens, else requested by one org admin, approved by another
     * and applied after the (shortened) cooling-off.
     */
    static void enforcePolicy(Api requester, Api approver, String policy) {
        Api.Answer answer = requester.put("/wallet/policy", policy);
        assertThat(answer.status()).as(answer.body()).isIn(200, 202);
        if (answer.status() == 200) return;
        JsonObject change = answer.object();
        Api.Answer approved = approver.post("/wallet/changes/" + change.getString("id") + "/approval", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        if (!approved.object().getString("status").equals("APPLIED")) {
            pass(change.getString("id"));
        }
    }

    /** Makes an Acme member an org admin besides their other roles, as a second admin for approvals. */
    static Api secondAdmin(Api olivia, String email, String... otherRoles) {
        String id = olivia.memberId(email);
        StringBuilder roles = new StringBuilder("[\"org-admin\"");
        for (String role : otherRoles) {
            roles.append(",\"").append(role).append('"');
        }
        roles.append(']');
        Api.Answer changed = olivia.put("/members/" + id + "/roles", "{\"roles\":" + roles + "}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        return Api.as(email);
    }
}
