package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** Earnings on the ledger: treasury credits, grants, refusals that change nothing, statements, isolation. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EarningsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    private static long posted(Api api, String path) {
        return api.get(path).object().getJsonNumber("posted").longValue();
    }

    private static long contributorEarnings(Api api) {
        List<JsonObject> balances = api.get("/earnings").array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
        return balances.get(0).getJsonNumber("posted").longValue();
    }

    @Test
    void grantsMoveTreasuryFundsToMembersAndRefusalsChangeNothing() {
        Api pat = Api.as("pat@tributary.test");
        Api olivia = Api.as("olivia@acme.test");
        Api carlos = Api.as("carlos@acme.test");
        String acme = pat.tenantId("acme");
        long treasuryBefore = posted(olivia, "/treasury");
        long earningsBefore = contributorEarnings(carlos);

        assertThat(pat.post("/admin/tenants/" + acme + "/treasury-credits", "{\"amount\":1000,\"memo\":\"seed\"}")
                        .status())
                .isEqualTo(200);
        assertThat(olivia.post("/admin/tenants/" + acme + "/treasury-credits", "{\"amount\":1000,\"memo\":\"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(posted(olivia, "/treasury")).isEqualTo(treasuryBefore + 1000);

        String carlosId = olivia.memberId("carlos@acme.test");
        String grant =
                "{\"memberId\":\"" + carlosId + "\",\"kind\":\"CONTRIBUTOR_EARNINGS\",\"amount\":%d,\"memo\":\"%s\"}";
        assertThat(olivia.post("/treasury/grants", grant.formatted(250, "March contributions"))
                        .status())
                .isEqualTo(200);
        assertThat(contributorEarnings(carlos)).isEqualTo(earningsBefore + 250);
        assertThat(posted(olivia, "/treasury")).isEqualTo(treasuryBefore + 750);

        Api.Answer tooMuch = olivia.post("/treasury/grants", grant.formatted(treasuryBefore + 751, "too much"));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.object().getString("detail")).contains("short by 1");
        assertThat(olivia.post("/treasury/grants", grant.formatted(-5, "negative"))
                        .status())
                .isEqualTo(400);
        String gus = Api.as("gina@globex.test").memberId("gus@globex.test");
        assertThat(olivia.post(
                                "/treasury/grants",
                                "{\"memberId\":\"" + gus
                                        + "\",\"kind\":\"CONTRIBUTOR_EARNINGS\",\"amount\":1,\"memo\":\"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(carlos.post("/treasury/grants", grant.formatted(1, "self")).status())
                .isEqualTo(403);
        assertThat(posted(olivia, "/treasury")).isEqualTo(treasuryBefore + 750);
        assertThat(contributorEarnings(carlos)).isEqualTo(earningsBefore + 250);

        Api.Answer statement = carlos.get("/earnings/statement.csv");
        assertThat(statement.contentType()).startsWith("text/csv");
        assertThat(statement.body()).startsWith("transfer,amount").contains("GRANT", "250", "March contributions");
        assertThat(Api.as("gus@globex.test").get("/earnings/statement.csv").body())
                .doesNotContain("March");
        assertThat(olivia.get("/audit?max=100").body()).contains("earnings.grant");

        try (Browser browser = new Browser().signIn("carlos@acme.test")) {
            browser.open("/rewards/wallet.xhtml");
            assertThat(browser.text(By.id("history"))).contains("March contributions");
            browser.screenshot("wallet-contributor");
        }
    }
}
