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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Classification as a steward uses it, in headless Chromium: sign in, scan a table of customers, see the suggestions
 * with their masked evidence, accept the e-mails, reject the e-mails of a column the contract says is public, and see
 * the effective classification. Screenshots go to {@code target/console-classification*.png}.
 */
class ClassificationConsoleBrowserTest {
    private static ClassificationPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("ClassificationConsoleBrowserTest");
        platform = ClassificationPlatform.start();
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
    void scanReviewTheSuggestionsAndSeeTheResult() {
        chromium.walk("classification-failure", ClassificationConsoleBrowserTest::walkThrough);
    }

    private static void walkThrough() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.manage().window().setSize(new Dimension(1440, 1400));
        chromium.signIn(platform.url("/console/classification"), platform.token, wait);

        // The Govern stage, Classification tab: nothing to review yet.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan-form")));
        assertThat(browser.findElement(By.id("stage-govern")).getAttribute("class")).contains("active");
        assertThat(browser.findElement(By.id("nav-classification")).getAttribute("class")).contains("active");
        assertThat(browser.findElement(By.id("queue-empty")).getText()).isEqualTo("Nothing to review.");

        // Scan the customers: the table's page lists what the detectors found, with masked evidence.
        new Select(browser.findElement(By.id("scan-table"))).selectByValue("crm.customers");
        WebElement sample = browser.findElement(By.id("scan-sample"));
        sample.clear();
        sample.sendKeys("100");
        click(By.id("scan"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("effective-classification")));
        assertThat(browser.findElement(By.id("done")).getText())
                .isEqualTo("Scanned 12 rows: 3 new, 0 updated, 0 reopened, 0 removed");
        assertThat(browser.findElement(By.id("table-summary")).getText())
                .contains("Contract crm-customers 1.0.0.", "by sam: 12 rows sampled.");
        WebElement iban = browser.findElement(By.id("column-iban"));
        assertThat(iban.findElement(By.cssSelector(".ns-evidence")).getText())
                .contains("name matches 'iban'; 12 of 12 sampled values pass the IBAN mod-97 checksum",
                        "FR76 **** **** **** **** ***0 189");
        WebElement contact = browser.findElement(By.id("column-contact"));
        assertThat(contact.findElement(By.cssSelector(".ns-contradiction")).getText())
                .isEqualTo("contradicts contract: public");
        assertThat(browser.getPageSource()).doesNotContain("client1@example.com", "FR7630006000011234567890189");
        chromium.screenshot("classification-scanned");

        // The review queue: three pending suggestions with their evidence.
        click(By.linkText("Back to the review queue"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-queue")));
        assertThat(browser.findElement(By.id("pending-count")).getText()).isEqualTo("3");
        WebElement emailRow = queueRow("crm.customers.email");
        assertThat(emailRow.getText()).contains("pii.email", "high 0.85", "c***@e***.com");
        emailRow.findElement(By.name("note")).sendKeys("customer e-mails, checked");
        chromium.screenshot("classification-queue");
        click(emailRow.findElement(By.cssSelector("button[value='accept']")));
        wait.until(ExpectedConditions.textToBe(By.id("done"), "Accepted pii.email on crm.customers.email"));
        assertThat(browser.findElement(By.id("pending-count")).getText()).isEqualTo("2");

        click(queueRow("crm.customers.contact").findElement(By.cssSelector("button[value='reject']")));
        wait.until(ExpectedConditions.textToBe(By.id("done"), "Rejected pii.email on crm.customers.contact"));
        assertThat(browser.findElement(By.id("pending-count")).getText()).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("#review-queue tbody tr"))).hasSize(1);

        // The table's effective classification: the accepted e-mails, the contract's word on contact.
        click(By.cssSelector("#classified-tables a[href='/console/classification/tables/crm/customers']"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("effective-classification")));
        WebElement email = browser.findElement(By.id("column-email"));
        WebElement accepted = email.findElement(By.cssSelector(".ns-class[data-source='accepted']"));
        assertThat(accepted.getAttribute("data-class")).isEqualTo("pii.email");
        assertThat(accepted.getText()).contains("name matches 'email'");
        assertThat(email.findElement(By.cssSelector(".ns-suggestion")).getAttribute("data-status"))
                .isEqualTo("accepted");
        assertThat(email.findElement(By.cssSelector(".ns-suggestion")).getText()).contains("by sam");
        assertThat(email.findElement(By.cssSelector(".ns-note")).getText()).isEqualTo("customer e-mails, checked");
        WebElement contactColumn = browser.findElement(By.id("column-contact"));
        assertThat(contactColumn.findElement(By.cssSelector(".ns-class")).getAttribute("data-source"))
                .isEqualTo("contract");
        assertThat(contactColumn.findElement(By.cssSelector(".ns-suggestion")).getAttribute("data-status"))
                .isEqualTo("rejected");
        List<WebElement> ibanClasses = browser.findElements(By.cssSelector("#column-iban .ns-class"));
        assertThat(ibanClasses).isEmpty();
        chromium.screenshot("classification-table");

        // The notice comes from the stored suggestion or from numbers: a crafted link cannot make the page talk.
        browser.get(platform.url("/console/classification?reviewed=cls-000000000000&done=Your+account+is+locked"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-queue")));
        assertThat(browser.findElements(By.id("done"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("Your account is locked");
        browser.get(platform.url("/console/classification/tables/crm/customers?scanned=x"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("effective-classification")));
        assertThat(browser.findElements(By.id("done"))).isEmpty();
    }

    private static WebElement queueRow(String column) {
        return browser.findElements(By.cssSelector("#review-queue tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector("td")).getText().equals(column))
                .findFirst().orElseThrow(() -> new AssertionError("No queue row for " + column));
    }

    private static void click(By locator) {
        click(browser.findElement(locator));
    }

    private static void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }
}
