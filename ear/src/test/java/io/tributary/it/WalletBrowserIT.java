package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.application.rewards.Trib;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The wallet in a browser: the demo's payout on the wallet page, then a grant paid out on chain with one click. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WalletBrowserIT {

    private static final Duration CHAIN_WAIT = Duration.ofSeconds(90);

    private static final By RUNS = By.id("activity:runs");
    private static final By COMPLETED_RUN =
            By.xpath("//*[@id='activity:runs']//span[contains(@class,'status-COMPLETED')]");
    private static final By NEWEST_STATUS = By.id("activity:runs:0:status");
    private static final By NEWEST_TOTAL = By.id("activity:runs:0:total");
    private static final By NEWEST_DETAILS = By.id("activity:runs:0:details");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** What a member could be paid now: posted earnings less what is already on its way. */
    private static BigInteger available(Api member) {
        return member.get("/earnings").array().stream()
                .map(JsonValue::asJsonObject)
                .map(WalletBrowserIT::available)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static BigInteger available(JsonObject balance) {
        BigInteger posted = balance.getJsonNumber("posted").bigIntegerValue();
        return balance.containsKey("pendingDebits")
                ? posted.subtract(balance.getJsonNumber("pendingDebits").bigIntegerValue())
                : posted;
    }

    private static WebDriverWait waiting(Browser browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser.driver, timeout);
        wait.pollingEvery(Duration.ofMillis(500));
        // The page's poll re-renders the runs table every three seconds.
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        return wait;
    }

    @Test
    void anAdminGrantsEarningsAndPaysThemOutOnChain() {
        Api vera = Api.as("vera@acme.test");
        try (Browser olivia = new Browser().signIn("olivia@acme.test")) {
            olivia.open("/organization/wallet.xhtml");
            // The demo creates the wallet, waits for its deposit's confirmations, then pays Acme's people once;
            // the page refreshes its runs itself, but shows no table before the wallet exists.
            waiting(olivia, CHAIN_WAIT).pollingEvery(Duration.ofSeconds(3)).until(driver -> {
                if (driver.findElements(RUNS).isEmpty()) {
                    driver.navigate().refresh();
                    return false;
                }
                return !driver.findElements(COMPLETED_RUN).isEmpty();
            });
            assertThat(olivia.text(By.id("wallet-address"))).startsWith("0x").hasSize(42);
            assertThat(olivia.text(By.id("reconciliation"))).isNotBlank();
            olivia.screenshot("wallet-demo-payout");

            BigInteger veraBefore = available(vera);
            Api oliviaApi = Api.as("olivia@acme.test");
            Api.Answer grant = oliviaApi.post(
                    "/treasury/grants",
                    "{\"memberId\":\"" + oliviaApi.memberId("vera@acme.test")
                            + "\",\"kind\":\"VALIDATOR_EARNINGS\",\"amount\":25,\"memo\":\"Browser payout\"}");
            assertThat(grant.status()).as(grant.body()).isEqualTo(200);
            BigInteger veraDue = veraBefore.add(Trib.of(25));
            assertThat(available(vera)).isEqualTo(veraDue);

            olivia.open("/organization/wallet.xhtml");
            String previousNewest = olivia.find(NEWEST_DETAILS).getAttribute("href");
            olivia.click(By.id("actions:run-payout"));
            olivia.click(By.cssSelector(".ui-confirmdialog-yes"));
            olivia.waitForText(By.id("messages"), "Payout of");
            waiting(olivia, CHAIN_WAIT).until(driver -> isNewAndCompleted(driver, previousNewest));

            // The total reads "1,234.50 TRIB" for people; the number is what is compared.
            BigDecimal total = new BigDecimal(
                    olivia.text(NEWEST_TOTAL).replace(" TRIB", "").replace(",", ""));
            assertThat(total).isGreaterThanOrEqualTo(new BigDecimal(Trib.format(veraDue)));
            if (veraBefore.signum() == 0) {
                assertThat(olivia.text(NEWEST_TOTAL)).contains("25");
            }
            WebElement hash = olivia.find(By.xpath("//*[@id='activity:transactions']//*[contains(@class,'tx-hash')]"));
            assertThat(hash.getText()).startsWith("0x");
            olivia.screenshot("wallet-payout-completed");

            olivia.click(NEWEST_DETAILS);
            // The badge reads "Completed"; its data-status keeps the state's code.
            assertThat(olivia.find(By.id("run-status")).getAttribute("data-status"))
                    .isEqualTo("COMPLETED");
            assertThat(olivia.text(By.xpath("//*[@id='batches']//*[contains(@class,'tx-hash')]")))
                    .startsWith("0x")
                    .hasSize(66);
            List<String> veraLines =
                    olivia.driver.findElements(By.xpath("//*[@id='recipients:lines']//tr[td]")).stream()
                            .map(WebElement::getText)
                            .filter(row -> row.contains("vera@acme.test"))
                            .toList();
            assertThat(veraLines).hasSize(1);
            assertThat(veraLines.get(0)).contains(Trib.format(veraDue));
            olivia.screenshot("payout-detail");
        }
        assertThat(available(vera)).isZero();
    }

    private static boolean isNewAndCompleted(WebDriver driver, String previousNewest) {
        String newest = driver.findElement(NEWEST_DETAILS).getAttribute("href");
        return !newest.equals(previousNewest)
                && "COMPLETED".equals(driver.findElement(NEWEST_STATUS).getAttribute("data-status"));
    }
}
