package io.tributary.it;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * axe-core (from the npm registry, installed by the ear build; {@code axe.script}) run on each page of the application
 * a {@link Browser} visits, once per loaded document. Serious and critical violations are collected with their rule,
 * the elements and axe's help, and fail the test when the browser closes. Pages of other sites (Keycloak's sign-in)
 * are not ours to fix and are skipped.
 */
final class Accessibility {

    private static final Set<String> FAILING = Set.of("serious", "critical");
    private static final String MARK = "__tributaryAxeChecked";
    private static String script;

    private final WebDriver driver;
    private final String app;
    private final List<String> violations = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    Accessibility(WebDriver driver, String app) {
        this.driver = driver;
        this.app = app;
    }

    void checkCurrentPage() {
        checkCurrentPage(false);
    }

    /** Runs axe on the loaded page unless this document was checked already (or {@code again}). */
    void checkCurrentPage(boolean again) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        String url;
        try {
            url = driver.getCurrentUrl();
            if (url == null || !url.startsWith(app)) {
                return;
            }
            Object state = js.executeScript(
                    "return document.readyState === 'complete' && !!document.body && (arguments[0] || !window." + MARK
                            + ");",
                    again);
            if (!Boolean.TRUE.equals(state)) {
                return;
            }
            js.executeScript("window." + MARK + " = true;");
            js.executeScript(axeScript());
            String result = (String) js.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']})
                       .then(r => done(JSON.stringify(r.violations)))
                       .catch(e => done('ERROR ' + e));
                    """);
            record(url, result);
        } catch (WebDriverException e) {
            // The page navigated away while being checked: the next page is checked when it has loaded.
        }
    }

    private void record(String url, String result) {
        if (result == null || result.startsWith("ERROR")) {
            violations.add(url + ": axe-core did not run: " + result);
            return;
        }
        try {
            String page = url.substring(app.length());
            int before = violations.size();
            for (JsonNode violation : new ObjectMapper().readTree(result)) {
                String impact = violation.path("impact").asText();
                if (!FAILING.contains(impact)) {
                    continue;
                }
                String rule = violation.path("id").asText();
                StringBuilder line = new StringBuilder()
                        .append(page.replaceAll("[?#].*", ""))
                        .append(": [")
                        .append(impact)
                        .append("] ")
                        .append(rule)
                        .append(": ")
                        .append(violation.path("help").asText())
                        .append(" (")
                        .append(violation.path("helpUrl").asText())
                        .append(")");
                for (JsonNode node : violation.path("nodes")) {
                    line.append("\n      at ").append(node.path("target"));
                    String summary = node.path("failureSummary").asText();
                    if (!summary.isBlank()) {
                        line.append(" — ")
                                .append(summary.replaceAll("\\s+", " ").strip());
                    }
                }
                String once = page.replaceAll("[?#].*", "") + " " + rule + " " + violation.path("nodes");
                if (reported.add(once)) {
                    violations.add(line.toString());
                }
            }
            // The test's output names every page checked, so a run shows what the check covered.
            System.out.printf(
                    "axe-core: %s: %d serious or critical%n",
                    page.replaceAll("[?#].*", ""), violations.size() - before);
        } catch (IOException e) {
            violations.add(url + ": unreadable axe-core result: " + e.getMessage());
        }
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    void failOnViolations() {
        if (!violations.isEmpty()) {
            fail(
                    "axe-core found %d serious or critical accessibility violation(s):%n  %s",
                    violations.size(), String.join("\n  ", violations));
        }
    }

    /**
     * Text the page cuts off at the current window width: the page scrolls sideways, or an element with visible text
     * hides part of it (overflow hidden or ellipsis with content wider or taller than its box).
     */
    @SuppressWarnings("unchecked")
    List<String> clippedText() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("""
                const found = [];
                const root = document.scrollingElement;
                if (root.scrollWidth > window.innerWidth + 1) {
                  found.push('the page is ' + root.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
                }
                for (const el of document.querySelectorAll('body *')) {
                  if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
                  if (['OPTION', 'SCRIPT', 'STYLE', 'TITLE'].includes(el.tagName)) continue;
                  const box = el.getBoundingClientRect();
                  // Visually hidden on purpose (screen-reader text, PrimeFaces' accessible inputs): 1 px boxes.
                  if (box.width <= 1 || box.height <= 1) continue;
                  const style = getComputedStyle(el);
                  const clipsX = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
                  const clipsY = ['hidden', 'clip'].includes(style.overflowY);
                  const text = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
                  if (!text) continue;
                  if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
                    found.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + el.className) + ': "'
                               + el.textContent.trim().substring(0, 60) + '"');
                  }
                }
                return found;
                """);
    }

    private static synchronized String axeScript() {
        if (script == null) {
            Path path = Path.of(System.getProperty("axe.script", "target/axe/node_modules/axe-core/axe.min.js"));
            try {
                script = Files.readString(path);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "axe-core is missing at " + path + ": the ear build installs it (npm ci in target/axe)", e);
            }
        }
        return script;
    }
}
