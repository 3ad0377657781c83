package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A model builder in the browser: the wizard explains an invalid setting next to its field, previews the data and
 * the estimate, launches, and the run page's charts fill live from the event stream until the run completes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FactoryBrowserIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TributaryDeployment.ear();
    }

    @Test
    void theWizardLaunchesARunWhoseLiveChartFillsUntilItCompletes() {
        String dataNet = FactoryIT.releasedDataNet("CC-BY-4.0");
        String name =
                Api.as("mia@acme.test").get("/datanets/" + dataNet).object().getString("name");
        try (Browser mia = new Browser().signIn("mia@acme.test")) {
            mia.open("/factory/index.xhtml");
            mia.click(By.id("newRun"));
            mia.type(By.id("wizard:name"), "Browser run");
            mia.click(By.xpath("//label[contains(text(), '" + name + " v1')]"));
            mia.click(By.cssSelector("[id='wizard:advanced'] .ui-chkbox-box"));
            number(mia, By.id("wizard:maxLength_input"), "999");
            number(mia, By.id("wizard:maxSteps_input"), "30");
            number(mia, By.id("wizard:checkpointEvery_input"), "10");
            mia.click(By.id("wizard:preview"));
            mia.waitForText(By.id("maxLengthProblem"), "exceeds the base model's context of 256 tokens");
            mia.screenshot("factory-wizard-invalid");

            number(mia, By.id("wizard:maxLength_input"), "64");
            mia.click(By.id("wizard:preview"));
            mia.waitForText(By.id("previewSummary"), "12 examples");
            mia.waitForText(By.id("estimate"), "30 steps"); // the preview may still be re-rendering it
            mia.screenshot("factory-wizard-preview");

            mia.click(By.id("wizard:launch"));
            // The status reads as a label ("Completed"), not the constant COMPLETED.
            mia.waitForText(By.id("run-status"), "Completed");
            Object points = mia.script("return PF('lossChart').chart.data.datasets[0].data.length");
            assertThat(((Number) points).intValue()).isEqualTo(30);
            Object rates = mia.script("return PF('tpsChart').chart.data.datasets[0].data.length");
            assertThat(((Number) rates).intValue()).isEqualTo(30);
            assertThat(mia.find(By.id("progress")).getAttribute("aria-valuenow"))
                    .isEqualTo("100");
            assertThat(mia.script("var c = document.getElementById('actions:cancel');"
                            + " return c === null || c.style.display === 'none'"))
                    .as("no Cancel once the run has ended")
                    .isEqualTo(true);
            mia.waitForText(By.id("run-log"), "Completed at step 30");
            assertThat(mia.text(By.id("run-log"))).contains("Queued", "Started", "Checkpoint kept at step 10");
            mia.screenshot("factory-run-live");

            // Opened again after the end, the page shows the finished run as it is.
            mia.open(mia.driver.getCurrentUrl().substring(Api.APP.length()));
            mia.waitForText(By.id("run-status"), "Completed");
            assertThat(mia.find(By.id("progress")).getAttribute("aria-valuenow"))
                    .isEqualTo("100");
            assertThat(mia.driver.findElements(By.id("actions:cancel"))).isEmpty();
            assertThat(mia.text(By.id("run-log"))).contains("Completed at step 30");
        }
    }

    /** Replaces a PrimeFaces number field's value: its formatter ignores clear(), so select all and type over. */
    private static void number(Browser browser, By by, String value) {
        var field = browser.find(by);
        field.click();
        field.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"));
        field.sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
        field.sendKeys(value);
    }
}
