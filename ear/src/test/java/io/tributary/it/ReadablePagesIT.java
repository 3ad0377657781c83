package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The rewards, organization, account and admin pages as people read them, at 1280 px and at a phone's 390 px: no enum
 * constant ({@code AWAITING_APPROVAL}) and no raw ISO time on screen, no text cut off, and (through {@link Browser})
 * no serious or critical accessibility violation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadablePagesIT {

    private static final Pattern CONSTANT = Pattern.compile("\\b[A-Z][A-Z0-9]+(_[A-Z0-9]+)+\\b");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    /** What the page shows in its main area. */
    private static String shown(Browser browser) {
        return browser.text(By.tagName("main"));
    }

    private static List<String> constants(String text) {
        return CONSTANT.matcher(text).results().map(MatchResult::group).toList();
    }

    private static void check(Browser browser, String page, int width, boolean recordedText) {
        browser.open(page);
        browser.find(By.id("page-title"));
        String text = shown(browser);
        browser.screenshot("readable" + page.replaceAll("[^a-z]+", "-") + width);
        if (recordedText) {
            // Audit targets and details are kept as they were written (role sets, times in UTC); the log's own
            // columns (when, outcome) speak words.
            text = browser.driver.findElements(By.cssSelector("main td:first-child, main td:nth-child(5)")).stream()
                    .map(org.openqa.selenium.WebElement::getText)
                    .reduce("", (a, b) -> a + "\n" + b);
        }
        assertThat(constants(text)).as("constants on %s at %d px", page, width).isEmpty();
        assertThat(ISO_TIME.matcher(text).find())
                .as("a raw ISO time on %s at %d px", page, width)
                .isFalse();
        assertThat(browser.clippedText())
                .as("cut-off text on %s at %d px", page, width)
                .isEmpty();
    }

    @Test
    void anOrganizationAdminsPagesSpeakWordsAndFitAPhone() {
        List<String> pages = new ArrayList<>(List.of(
                "/index.xhtml",
                "/profile.xhtml",
                "/rewards/wallet.xhtml",
                "/organization/wallet.xhtml",
                "/organization/members.xhtml",
                "/organization/api-keys.xhtml",
                "/organization/sso.xhtml",
                "/account/tokens.xhtml"));
        Api olivia = Api.as("olivia@acme.test");
        List<jakarta.json.JsonObject> runs = olivia.all("/payouts");
        if (!runs.isEmpty()) {
            pages.add("/organization/payout.xhtml?id=" + runs.get(0).getString("id"));
        }
        try (Browser browser = new Browser().signIn("olivia@acme.test")) {
            for (int width : new int[] {1280, 390}) {
                browser.width(width);
                for (String page : pages) {
                    check(browser, page, width, false);
                }
                check(browser, "/organization/audit.xhtml", width, true);
            }
            assertThat(browser.accessibilityViolations()).isEmpty();
        }
    }

    @Test
    void platformStaffPagesSpeakWordsAndFitAPhone() {
        try (Browser browser = new Browser().signIn("pat@tributary.test")) {
            for (int width : new int[] {1280, 390}) {
                browser.width(width);
                for (String page : List.of("/admin/tenants.xhtml", "/admin/wallets.xhtml", "/admin/domains.xhtml")) {
                    check(browser, page, width, false);
                }
                check(browser, "/admin/audit.xhtml", width, true);
            }
            assertThat(browser.accessibilityViolations()).isEmpty();
        }
    }
}
