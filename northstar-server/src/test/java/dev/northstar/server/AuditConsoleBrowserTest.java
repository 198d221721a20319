package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audit log as an auditor uses it, in headless Chromium: sign in, run a query on the SQL page, open the audit log
 * and find the read (principal, table, rows), narrow by table and action, then verify the chain and see it intact.
 * Screenshots go to {@code target/console-audit*.png}.
 */
class AuditConsoleBrowserTest {
    private static ProductPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static String auditor;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("AuditConsoleBrowserTest");
        platform = ProductPlatform.start();
        // An auditor of the sales domain: the baseline policy lets it read its own domain.
        auditor = platform.store.tokens().create(new Principal("ivy", Set.of("auditor"), Map.of("domains", "sales")),
                Optional.empty()).secret();
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
    void anAuditorSeesAQueryInTheLogAndVerifiesTheChain() {
        chromium.walk("audit-failure", AuditConsoleBrowserTest::walkThrough);
    }

    private static void walkThrough() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        chromium.signIn(platform.url("/console/sql"), auditor, wait);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sql")));

        WebElement editor = browser.findElement(By.id("sql"));
        editor.clear();
        editor.sendKeys("SELECT * FROM sales.orders");
        browser.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("result")));
        String rows = browser.findElement(By.id("row-count")).getText();

        browser.get(platform.url("/console/audit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-entries")));
        assertThat(browser.findElement(By.id("stage-govern")).getAttribute("class")).contains("active");
        List<WebElement> entries = browser.findElements(By.cssSelector("#audit-entries tbody tr"));
        // Newest first: the query, then the installation of the baseline access policy when the server started.
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).getText()).contains("northstar").contains("policy.change")
                .contains("policy:platform-baseline");
        String entry = entries.get(0).getText();
        assertThat(entry).contains("ivy").contains("data.read").contains("allowed").contains("sales.orders")
                .contains("channel=console");
        assertThat(entries.get(0).findElements(By.tagName("td")).get(6).getText()).isEqualTo(rows);
        chromium.screenshot("audit-log");

        // Narrow: another table matches nothing, the queried one finds the read again.
        browser.findElement(By.id("audit-table")).sendKeys("sales.customers");
        browser.findElement(By.id("audit-filter")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-empty")));
        WebElement table = browser.findElement(By.id("audit-table"));
        table.clear();
        table.sendKeys("sales.orders");
        new Select(browser.findElement(By.id("audit-action"))).selectByValue("data.read");
        browser.findElement(By.id("audit-filter")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-entries")));
        assertThat(browser.getCurrentUrl()).contains("table=sales.orders").contains("action=data.read");
        assertThat(browser.findElements(By.cssSelector("#audit-entries tbody tr"))).hasSize(1);

        browser.findElement(By.id("audit-verify")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-verification")));
        String verification = browser.findElement(By.id("audit-verification")).getText();
        assertThat(verification).startsWith("Intact.").contains("2 entries verified");
        assertThat(browser.findElement(By.id("audit-head")).getText()).matches("2:[0-9a-f]{64}");
        chromium.screenshot("audit-verified");
    }
}
