package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
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
 * A privacy officer in headless Chromium: signs in, erases a subject from the privacy page, reads the certificate,
 * sees the request with its deadline, and rotates the pseudonymisation key. Screenshots go to
 * {@code target/console-privacy*.png}.
 */
class PrivacyConsoleBrowserTest {
    private static PrivacyPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("PrivacyConsoleBrowserTest");
        platform = PrivacyPlatform.start();
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
    void eraseASubjectReadTheCertificateAndRotateTheKey() {
        chromium.walk("privacy-failure", PrivacyConsoleBrowserTest::walkThrough);
    }

    private static void walkThrough() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.manage().window().setSize(new Dimension(1440, 1200));
        chromium.signIn(platform.url("/console/privacy"), platform.token, wait);

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("request-form")));
        assertThat(browser.findElement(By.id("stage-govern")).getAttribute("class")).contains("active");
        assertThat(browser.findElement(By.id("requests-empty")).getText()).isEqualTo("No requests yet.");

        browser.findElement(By.id("request-subject")).sendKeys("C-2");
        new Select(browser.findElement(By.id("request-kind"))).selectByValue("erase");
        click(browser.findElement(By.id("request-run")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("certificate-tables")));
        assertThat(browser.findElement(By.id("certificate-summary")).getText())
                .contains("erased by dana").contains("Verified by a query of every table afterwards: yes");
        assertThat(browser.findElement(By.cssSelector("#certificate-tables tbody tr")).getText())
                .contains("crm.customers").contains("customer_id").endsWith("1");
        assertThat(Integer.parseInt(browser.findElement(By.id("files-removed")).getText())).isPositive();
        chromium.screenshot("privacy-certificate");

        click(browser.findElement(By.linkText("Back to the requests")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
        WebElement row = browser.findElement(By.cssSelector("#requests tbody tr"));
        assertThat(row.getText()).contains("erase").contains("C-2").contains("completed");
        assertThat(browser.findElement(By.id("request-metrics")).getText()).contains("completed 1");

        click(browser.findElement(By.id("rotate")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("Rotated: pseudonymise-v1 is the active"
                + " key");
        assertThat(browser.findElement(By.cssSelector("#keys tbody")).getText()).contains("pseudonymise-v1")
                .contains("active");
        chromium.screenshot("privacy-requests");
    }

    private static void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }
}
