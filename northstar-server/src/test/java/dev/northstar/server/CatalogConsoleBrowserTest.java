package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The catalog as a steward uses it, in headless Chromium: sign in, type a query and see type-ahead suggestions,
 * search, narrow by a facet checkbox (applied at once), open the result, read its overview, see its governance tab
 * with the contract's classification, add a steward tag, define a glossary term and link it to a column from the
 * schema tab. Screenshots go to {@code target/console-catalog*.png}.
 */
class CatalogConsoleBrowserTest {
    private static ProductPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("CatalogConsoleBrowserTest");
        platform = ProductPlatform.start();
        platform.lake.createTable(TableId.parse("finance.ledger"), TableDefinition.of(TableSchema.of(
                new Column("entry_id", ColumnType.parse("long"), true, ""),
                new Column("order_ref", ColumnType.parse("long"), false, "The order paid by this entry")))
                .withDescription("General ledger of the accounting system"));
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
    void aStewardSearchesNarrowsByAFacetAndOpensTheGovernanceTab() {
        chromium.walk("catalog-failure", CatalogConsoleBrowserTest::walkThrough);
    }

    private static void walkThrough() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        chromium.signIn(platform.url("/console/catalog"), platform.token, wait);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("catalog-query")));
        assertThat(browser.findElement(By.id("stage-govern")).getAttribute("class")).contains("active");

        // Type-ahead: the first letters already suggest the product.
        WebElement query = browser.findElement(By.id("catalog-query"));
        query.sendKeys("ord");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#catalog-suggestions a")));
        assertThat(browser.findElement(By.id("catalog-suggestions")).getText()).contains("sales.orders");
        chromium.screenshot("catalog-typeahead");

        query.sendKeys("er" + Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("q=order"));
        assertThat(hits()).containsExactly("sales.orders", "sales.orders__quarantine", "finance.ledger");
        assertThat(browser.findElement(By.cssSelector("#catalog-results .ns-hit mark")).getText())
                .isEqualTo("orders");
        WebElement finance = browser.findElement(By.cssSelector("#facet-domain input[value='finance']"));
        assertThat(finance.findElement(By.xpath("following-sibling::label")).getText()).isEqualTo("finance 1");
        chromium.screenshot("catalog-search");

        // Narrow by a facet: checking the classification applies at once.
        click(By.cssSelector("#facet-classification input[value='confidential']"));
        wait.until(ExpectedConditions.urlContains("classification=confidential"));
        assertThat(hits()).containsExactly("sales.orders");
        assertThat(browser.findElement(By.cssSelector("#facet-classification input[value='confidential']"))
                .isSelected()).isTrue();

        // Open the result: the overview shows the product, contract, owners, size, usage and quality.
        click(By.cssSelector("#catalog-results a.ns-hit-link"));
        wait.until(ExpectedConditions.textToBe(By.id("entry-name"), "sales.orders"));
        assertThat(browser.findElement(By.id("contract-version")).getText()).contains("sales-orders", "1.2.0");
        assertThat(browser.findElement(By.id("owners")).getText()).contains("order-team", "grace (owner)");
        assertThat(browser.findElement(By.id("size-card")).getText()).contains("4 rows");
        assertThat(browser.findElement(By.id("quality-card")).getText()).contains("failed");
        assertThat(browser.findElement(By.id("usage-queries")).getText()).isEqualTo("0");
        chromium.screenshot("catalog-entry");

        // Previewing the table is a read: the usage counts it.
        click(By.cssSelector("#size-card a"));
        wait.until(ExpectedConditions.textToBe(By.id("table-name"), "sales.orders"));
        browser.navigate().back();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("usage-queries"), "1"));
        assertThat(browser.findElement(By.id("usage-users")).getText()).isEqualTo("1");
        // So is a query on the console's SQL page.
        browser.get(platform.url("/console/sql?sql=" + CatalogRoutes.encode(
                "SELECT count(*) FROM sales.orders o JOIN finance.ledger l ON l.order_ref = o.id")));
        click(By.id("run"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table")));
        browser.get(platform.url("/console/catalog/sales/orders"));
        wait.until(ExpectedConditions.textToBe(By.id("usage-queries"), "2"));

        // The governance tab: the contract's classification per column, the owners and the tags.
        click(By.id("tab-governance"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("governance-classification")));
        WebElement email = browser.findElement(By.cssSelector("#governance-classification tr[data-column='email']"));
        assertThat(email.getText()).contains("confidential");
        assertThat(browser.findElement(By.id("classification-suggestions")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("governance-owners")).getText()).contains("order-team", "grace");
        browser.findElement(By.id("new-tag")).sendKeys("revenue");
        click(By.id("add-tag"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ns-steward-tag")));
        assertThat(browser.findElement(By.id("governance-tags")).getText()).contains("revenue");
        chromium.screenshot("catalog-governance");

        // A glossary term, linked to a column from the schema tab, shows on both sides.
        browser.get(platform.url("/console/catalog/glossary"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("define-term-form")));
        browser.findElement(By.id("term-name")).sendKeys("Order Amount");
        browser.findElement(By.id("term-definition")).sendKeys("What the customer pays for an order, in EUR");
        browser.findElement(By.id("term-synonyms")).sendKeys("basket value");
        click(By.id("define-term"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("term-order-amount")));
        browser.get(platform.url("/console/catalog/sales/orders?tab=schema"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("link-term-form")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("link-column"))).selectByVisibleText(
                "amount");
        click(By.id("link-submit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#schema-columns tr[data-column='amount'] .ns-term")));
        click(By.cssSelector("#schema-columns tr[data-column='amount'] .ns-term"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#term-order-amount .ns-term-column")));
        assertThat(browser.findElement(By.id("term-order-amount")).getText()).contains("sales.orders.amount");

        // And search finds the product by its synonym.
        browser.get(platform.url("/console/catalog?q=basket"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hit-count")));
        assertThat(hits()).containsExactly("sales.orders");
        chromium.screenshot("catalog-glossary-search");
    }

    private static List<String> hits() {
        return browser.findElements(By.cssSelector("#catalog-results .ns-hit")).stream()
                .map(hit -> hit.getAttribute("data-table")).toList();
    }

    private static void click(By locator) {
        WebElement element = browser.findElement(locator);
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }
}
