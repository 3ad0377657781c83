package io.tributary.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium session driven like a person: sign in through Keycloak, click, type, take screenshots. Every page
 * of the application it visits is checked with axe-core once loaded (see {@link Accessibility}); serious or critical
 * violations fail the test when the browser closes, all pages' findings in one message.
 */
final class Browser implements AutoCloseable {

    final WebDriver driver;
    private final WebDriverWait wait;
    private final Accessibility accessibility;

    Browser() {
        ChromeOptions options = new ChromeOptions()
                .setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"))
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--no-first-run",
                        "--window-size=1280,900");
        // Console messages (such as Content-Security-Policy violations) for consoleMessages().
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        accessibility = new Accessibility(driver, Api.APP);
    }

    /** Opens the app and signs in on Keycloak's two-step (username, then password) organization login. */
    Browser signIn(String email) {
        driver.get(Api.APP + "/");
        type(By.id("username"), email);
        driver.findElement(By.id("kc-login")).click();
        type(By.id("password"), "demo");
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlContains(Api.APP));
        accessibility.checkCurrentPage();
        return this;
    }

    void open(String path) {
        accessibility.checkCurrentPage();
        driver.get(Api.APP + path);
        accessibility.checkCurrentPage();
    }

    WebElement find(By by) {
        WebElement found = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        accessibility.checkCurrentPage();
        return found;
    }

    /** Waits for an element that may be invisible by design, such as a styled file input. */
    WebElement present(By by) {
        WebElement found = wait.until(ExpectedConditions.presenceOfElementLocated(by));
        accessibility.checkCurrentPage();
        return found;
    }

    /** Checks the page again as it is now (after a dialog opened or a part of the page was updated). */
    void checkAccessibility() {
        accessibility.checkCurrentPage(true);
    }

    /** The accessibility findings so far (serious or critical), one line per rule and page. */
    java.util.List<String> accessibilityViolations() {
        return accessibility.violations();
    }

    /**
     * Shows pages at a width, e.g. a phone's 390 px (as a mobile viewport, which a desktop window cannot shrink to) or
     * the usual 1280 px window.
     */
    void width(int pixels) {
        ChromeDriver chrome = (ChromeDriver) driver;
        if (pixels >= 1280) {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        } else {
            chrome.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", pixels, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /** Text that the page cuts off at the current width (see {@link Accessibility#clippedText}). */
    java.util.List<String> clippedText() {
        return accessibility.clippedText();
    }

    String text(By by) {
        return find(by).getText();
    }

    void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
        accessibility.checkCurrentPage();
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        accessibility.checkCurrentPage();
    }

    String page() {
        return driver.getPageSource();
    }

    /** The browser console's messages since the last call, e.g. to find Content-Security-Policy violations. */
    java.util.List<String> consoleMessages() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage())
                .toList();
    }

    /** The session cookie the server set for this browser, as a Cookie header value. */
    String sessionCookie() {
        return "JSESSIONID=" + driver.manage().getCookieNamed("JSESSIONID").getValue();
    }

    /** Runs a script in the page and answers its result (e.g. what a chart holds). */
    Object script(String javascript) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(javascript);
    }

    void screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
            Files.createDirectories(dir);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            accessibility.checkCurrentPage();
        } finally {
            driver.quit();
        }
        accessibility.failOnViolations();
    }
}
