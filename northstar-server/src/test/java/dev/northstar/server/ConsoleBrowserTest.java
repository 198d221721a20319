package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a person uses it, in headless Chromium: sign in with a token, open a table, run a query, see the
 * rows. Screenshots go to {@code target/console-*.png}.
 *
 * <p>Uses Debian's {@code chromium} and {@code chromedriver} ({@code apt-get install chromium chromium-driver}), never
 * a downloaded browser. Without them the test fails when {@code CI=true} and is skipped, loudly, elsewhere.
 */
class ConsoleBrowserTest {
    private static TestPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("ConsoleBrowserTest");
        platform = TestPlatform.start();
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
    void signInOpenATableRunAQueryAndSeeTheRows() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        // Signed out, the console sends the person to the sign-in page.
        browser.get(platform.url("/console/tables"));
        wait.until(ExpectedConditions.urlContains("/console/login"));
        assertThat(browser.getTitle()).isEqualTo("Northstar · Sign in");
        screenshot("login");

        browser.findElement(By.id("token")).sendKeys(platform.token);
        browser.findElement(By.id("sign-in")).click();

        // Back where they wanted to go: the Tables page, under the Lake stage of the value chain.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tables")));
        assertThat(browser.getCurrentUrl()).endsWith("/console/tables");
        assertThat(browser.findElement(By.id("principal")).getText()).isEqualTo("ada");
        assertThat(browser.findElement(By.id("stage-lake")).getAttribute("class")).contains("active");
        assertThat(browser.findElements(By.cssSelector(".ns-stage-pending"))).extracting(WebElement::getText)
                .containsExactly("Process");

        // The brand leads to the cockpit, whose Value stage also holds the lake overview; the Lake stage back to the
        // tables.
        browser.findElement(By.cssSelector(".ns-brand")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("maturity-score")));
        assertThat(browser.findElement(By.id("stage-value")).getAttribute("class")).contains("active");
        browser.findElement(By.id("nav-overview")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("overview-stats")));
        assertThat(browser.findElement(By.id("stat-tables")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("stat-rows")).getText()).isEqualTo("101");
        screenshot("overview");
        browser.findElement(By.id("stage-lake")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tables")));

        browser.findElement(By.cssSelector("a[href='/console/tables/retail/orders']")).click();

        wait.until(ExpectedConditions.textToBe(By.id("table-name"), "retail.orders"));
        List<String> columns = browser.findElements(By.cssSelector("#schema tbody tr td:nth-child(2)")).stream()
                .map(WebElement::getText).toList();
        assertThat(columns).containsExactly("id", "amount", "customer", "ordered_at");
        assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#preview tbody tr"))).hasSize(50);
        assertThat(browser.findElement(By.id("stat-rows")).getText()).isEqualTo("100");
        // The uPlot chart (from its WebJar) drew the rows after each commit.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rows-chart canvas")));
        browser.manage().window().setSize(new Dimension(1440, 2400));
        screenshot("table");
        browser.manage().window().setSize(new Dimension(1440, 1000));

        browser.findElement(By.id("nav-sql")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sql")));
        WebElement editor = browser.findElement(By.id("sql"));
        editor.clear();
        editor.sendKeys("SELECT customer, count(*) AS orders, sum(amount) AS revenue\n"
                + "FROM retail.orders\nGROUP BY customer\nORDER BY customer");
        browser.findElement(By.id("run")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("result")));
        assertThat(browser.findElement(By.id("row-count")).getText()).isEqualTo("7");
        List<WebElement> rows = browser.findElements(By.cssSelector("#result tbody tr"));
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0).findElements(By.tagName("td"))).extracting(WebElement::getText)
                .containsExactly("customer-0", "15", "1102.50");
        assertThat(browser.findElement(By.id("sql")).getAttribute("value")).startsWith("SELECT customer");
        screenshot("sql");

        // A mistake reads as DuckDB's message, with the query kept for fixing.
        browser.findElement(By.id("sql")).clear();
        browser.findElement(By.id("sql")).sendKeys("SELECT revenue FROM retail.orders");
        browser.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sql-error")));
        assertThat(browser.findElement(By.id("sql-error")).getText()).contains("Invalid SQL", "revenue");
        screenshot("sql-error");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
        browser.get(platform.url("/console"));
        wait.until(ExpectedConditions.urlContains("/console/login"));
    }

    private static void screenshot(String name) {
        chromium.screenshot(name);
    }
}
