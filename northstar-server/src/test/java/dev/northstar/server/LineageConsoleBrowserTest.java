package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lineage graph as a person uses it, in headless Chromium: open the lineage of a table created from SQL, see its
 * source tables, click one and expand its upstream to the CSV file it was ingested from, click a column and see its
 * lineage highlighted, then follow the link to the table page. Screenshots go to {@code target/console-lineage*.png}.
 */
class LineageConsoleBrowserTest {
    private static LineagePlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("LineageConsoleBrowserTest");
        platform = LineagePlatform.start();
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
    void openTheLineageOfADerivedTableExpandASourceAndTraceAColumn() {
        chromium.walk("lineage-failure", LineageConsoleBrowserTest::walkThrough);
    }

    private static void walkThrough() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        chromium.signIn(platform.url("/console/lineage"), platform.token, wait);

        // The index lists every dataset with lineage; open the derived table.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-datasets")));
        assertThat(browser.findElement(By.id("stage-govern")).getAttribute("class")).contains("active");
        browser.findElement(By.linkText("retail.customer_revenue")).click();
        wait.until(ExpectedConditions.textToBe(By.id("lineage-title"), "Lineage of retail.customer_revenue"));
        waitForLoads(wait, 1);

        // Cytoscape drew the table, the SQL job and both source tables; the centre is selected with its columns.
        assertThat(nodeNames()).containsExactlyInAnyOrder("retail.customer_revenue", "sql.retail.customer_revenue",
                "retail.orders", "retail.customers");
        assertThat(browser.findElement(By.id("lineage-selected")).getText()).isEqualTo("retail.customer_revenue");
        assertThat(browser.findElements(By.cssSelector("#lineage-columns .ns-column"))).extracting(WebElement::getText)
                .containsExactly("email", "revenue", "orders");
        chromium.screenshot("lineage");

        // A real click on the retail.orders node, then expand its upstream: the ingestion job and the CSV file.
        clickNode("dataset:" + platform.lineage.lakeNamespace() + "/retail.orders");
        wait.until(ExpectedConditions.textToBe(By.id("lineage-selected"), "retail.orders"));
        browser.findElement(By.id("expand-upstream")).click();
        waitForLoads(wait, 2);
        assertThat(nodeNames()).contains("ingest.retail.orders", platform.ordersFile.toAbsolutePath().toString());
        assertThat(browser.findElement(By.id("open-table")).getAttribute("href")).endsWith("/console/tables/retail/orders");
        assertThat(browser.findElement(By.id("open-product")).getAttribute("href"))
                .endsWith("/console/products/retail/orders");

        // Clicking the amount column highlights its lineage: the file upstream, the revenue column downstream.
        browser.findElement(By.cssSelector("#lineage-columns .ns-column[data-column='amount']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lineage-column-lineage li")));
        List<String> lines = browser.findElements(By.cssSelector("#lineage-column-lineage li")).stream()
                .map(WebElement::getText).toList();
        assertThat(lines).contains(platform.ordersFile.toAbsolutePath() + ".amount · IDENTITY · 1 hop",
                "retail.customer_revenue.revenue · AGGREGATION · 1 hop");
        @SuppressWarnings("unchecked")
        List<String> highlighted = (List<String>) script("return window.nsLineage.cy.nodes('.ns-hl')"
                + ".map(node => node.data('name'))");
        assertThat(highlighted).containsExactlyInAnyOrder("retail.orders", "retail.customer_revenue",
                platform.ordersFile.toAbsolutePath().toString());
        chromium.screenshot("lineage-column");

        // Through to the product page.
        browser.findElement(By.id("open-product")).click();
        wait.until(ExpectedConditions.textToBe(By.id("product-name"), "retail.orders"));
    }

    private static void waitForLoads(WebDriverWait wait, int loads) {
        wait.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "return !!window.nsLineage && window.nsLineage.ready && window.nsLineage.loads >= " + loads)));
        assertThat(script("return window.nsLineage.error")).isNull();
    }

    @SuppressWarnings("unchecked")
    private static List<String> nodeNames() {
        return (List<String>) script("return window.nsLineage.cy.nodes().map(node => node.data('name'))");
    }

    /** Moves the mouse onto the node where Cytoscape drew it and clicks there. */
    @SuppressWarnings("unchecked")
    private static void clickNode(String id) {
        WebElement container = browser.findElement(By.id("lineage-graph"));
        Map<String, Object> position = (Map<String, Object>) script(
                "const node = window.nsLineage.cy.getElementById(arguments[0]); return node.renderedPosition();", id);
        int x = (int) Math.round(((Number) position.get("x")).doubleValue() - container.getSize().getWidth() / 2.0);
        int y = (int) Math.round(((Number) position.get("y")).doubleValue() - container.getSize().getHeight() / 2.0);
        new Actions(browser).moveToElement(container, x, y).click().perform();
    }

    private static Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }
}
