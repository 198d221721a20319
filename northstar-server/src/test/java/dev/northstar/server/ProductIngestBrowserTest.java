package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Ingesting a file from the product page as a person does, in headless Chromium: sign in, open the product, choose
 * a messy CSV in the "Ingest a file" form, send it, read the run's summary, follow its link to the quarantined rows;
 * send the same file again and be told it was skipped. Screenshots go to {@code target/console-product-ingest*.png}.
 */
class ProductIngestBrowserTest {
    private static ProductPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("ProductIngestBrowserTest");
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
    void uploadAFileFromTheProductPageAndFollowItsQuarantinedRows() throws IOException {
        Path file = Files.writeString(platform.home.resolve("orders-upload.csv"), ProductIngestApiTest.MESSY_UPLOAD);
        try {
            walkThrough(file);
        } catch (RuntimeException | AssertionError e) {
            chromium.screenshot("product-ingest-failure");
            throw e;
        }
    }

    private static void walkThrough(Path file) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        chromium.signIn(platform.url("/console/products/sales/orders"), platform.token, wait);
        wait.until(ExpectedConditions.textToBe(By.id("product-name"), "sales.orders"));

        click(By.id("section-ingest"));
        assertThat(browser.findElement(By.id("ingest-form")).getText()).contains("Up to 512 MiB");
        browser.findElement(By.id("ingest-file")).sendKeys(file.toAbsolutePath().toString());
        click(By.id("ingest-submit"));

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ingest-result")));
        WebElement result = browser.findElement(By.id("ingest-result"));
        assertThat(result.getAttribute("data-status")).isEqualTo("SUCCEEDED");
        assertThat(browser.findElement(By.id("ingest-status")).getText()).isEqualTo("succeeded");
        assertThat(browser.findElement(By.id("ingest-summary")).getText())
                .startsWith("8 rows in, 4 valid, 4 quarantined in ");
        assertThat(browser.findElement(By.id("ingest-reasons")).getText()).contains("line 4:", "amount");
        String runId = browser.findElement(By.id("ingest-run")).getText();
        // The new run is listed with the first one.
        assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr"))).hasSize(2);
        scrollTo("ingest");
        chromium.screenshot("product-ingest");

        click(By.id("ingest-quarantine-link"));
        wait.until(ExpectedConditions.urlContains("run=" + runId));
        List<WebElement> quarantined = browser.findElements(By.cssSelector("#quarantine-rows tbody tr"));
        assertThat(quarantined).hasSize(4);
        assertThat(quarantined).allSatisfy(row -> assertThat(row.getText()).contains(runId, "orders-upload.csv"));
        assertThat(quarantined.get(0).findElement(By.cssSelector(".ns-raw")).getText()).contains("-3.00");
        scrollTo("quarantine");
        chromium.screenshot("product-ingest-quarantine");

        // The same file again: skipped, naming the run that ingested it.
        click(By.id("section-ingest"));
        browser.findElement(By.id("ingest-file")).sendKeys(file.toAbsolutePath().toString());
        click(By.id("ingest-submit"));
        wait.until(ExpectedConditions.attributeToBe(By.id("ingest-result"), "data-status", "SKIPPED"));
        assertThat(browser.findElement(By.id("ingest-summary")).getText())
                .isEqualTo("Skipped: this file was already ingested by run " + runId
                        + ". Tick the box to ingest it again.");
        assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr"))).hasSize(2);
    }

    private static void scrollTo(String id) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0])"
                + ".scrollIntoView({block: 'start', behavior: 'instant'})", id);
    }

    /** Clicks an element after scrolling it to the middle of the window at once (Bootstrap scrolls smoothly). */
    private static void click(By locator) {
        WebElement element = browser.findElement(locator);
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }
}
