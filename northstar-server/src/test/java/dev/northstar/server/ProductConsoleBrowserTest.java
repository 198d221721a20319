package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Data products as a person uses them, in headless Chromium: sign in, open Products, open the product, see the runs
 * with the quarantined count, browse the quarantine and see a reason, see the incident under Observe, lint a broken
 * contract and see the line:column.
 * Screenshots go to {@code target/console-product*.png}. Needs Debian's chromium and chromedriver, like
 * {@link ConsoleBrowserTest}.
 */
class ProductConsoleBrowserTest {
    private static ProductPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("ProductConsoleBrowserTest");
        platform = ProductPlatform.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void openAProductSeeRunsBrowseTheQuarantineAndLintAContract() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            screenshot("product-failure"); // what the browser showed when it failed
            throw e;
        }
    }

    private static void walkThrough() {
        // Generous: other builds may load the machine; the waits return as soon as the page is there.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        chromium.signIn(platform.url("/console/products"), platform.token, wait);

        // Products, under the Ingest stage of the value chain.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("products")));
        assertThat(browser.findElement(By.id("stage-ingest")).getAttribute("class")).contains("active");
        assertThat(browser.findElement(By.id("products")).getText()).contains("order-book", "sales.orders",
                "order-team");
        screenshot("products");

        browser.findElement(By.cssSelector("a[href='/console/products/sales/orders']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("product-name"), "sales.orders"));
        assertThat(browser.findElement(By.id("purpose")).getText())
                .isEqualTo("Orders of the web shop " + ProductPlatform.MALICIOUS);

        // The run: 6 rows in, 4 valid, 2 quarantined, with the bar drawn to scale.
        List<WebElement> runs = browser.findElements(By.cssSelector("#runs-table tbody tr"));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).findElement(By.cssSelector(".ns-quarantined")).getText()).isEqualTo("2");
        assertThat(runs.get(0).findElement(By.cssSelector(".ns-valid")).getText()).isEqualTo("4");
        Object quarantinedWidth = ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#runs-table .ns-bar-quarantined').style.width");
        assertThat(quarantinedWidth).isEqualTo("33.33%");
        // uPlot drew the metric history charts.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#metric-charts canvas")));
        assertThat(browser.findElement(By.id("slo-completeness")).getText()).contains("breached");
        browser.manage().window().setSize(new Dimension(1440, 3600));
        screenshot("product");
        browser.manage().window().setSize(new Dimension(1440, 1000));

        // The quarantine browser, filtered by the run: each row with its reasons and raw values.
        click(By.id("section-quarantine"));
        new Select(browser.findElement(By.id("run"))).selectByValue(platform.run.runId());
        click(By.id("filter-run"));
        wait.until(ExpectedConditions.urlContains("run=" + platform.run.runId()));
        List<WebElement> quarantined = browser.findElements(By.cssSelector("#quarantine-rows tbody tr"));
        assertThat(quarantined).hasSize(2);
        assertThat(quarantined.get(0).findElement(By.cssSelector(".ns-reasons")).getText()).contains("amount");
        assertThat(quarantined.get(0).findElement(By.cssSelector(".ns-raw")).getText()).contains("-5.00");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('quarantine')"
                + ".scrollIntoView({block: 'start', behavior: 'instant'})");
        screenshot("product-quarantine");

        // The Observe stage: the failed row-count check opened an incident.
        click(By.id("stage-observe"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incidents")));
        assertThat(browser.findElement(By.id("incidents")).getText()).contains("orders.rowCount", "sales.orders");
        screenshot("quality");

        // Contract lint: a broken contract lists its problems at line:column.
        click(By.id("stage-ingest"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("products")));
        click(By.id("nav-lint"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contract")));
        browser.findElement(By.id("contract")).sendKeys("apiVersion: v3.1.0\nkind: DataContract\nid: broken\n"
                + "version: one\nstatus: active\n");
        click(By.id("lint"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lint-problems")));
        List<String> positions = browser.findElements(By.cssSelector("#lint-problems .ns-position")).stream()
                .map(WebElement::getText).toList();
        assertThat(positions).contains("4:1");
        assertThat(browser.findElement(By.id("lint-problems")).getText()).contains("is not a semantic version");
        screenshot("product-lint");
    }

    /** Clicks an element after scrolling it to the middle of the window at once (Bootstrap scrolls smoothly). */
    private static void click(By locator) {
        WebElement element = browser.findElement(locator);
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    private static void screenshot(String name) {
        chromium.screenshot(name);
    }
}
