package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Access policies as people use them, in headless Chromium: a steward writes a policy (Check shows the problem with
 * its line, Save stores version 1), simulates what a marketer would see; an intern requests temporary access, and
 * the table's owner approves it. Screenshots go to {@code target/console-policies*.png}.
 */
class PolicyConsoleBrowserTest {
    private static PolicyPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("PolicyConsoleBrowserTest");
        platform = PolicyPlatform.start();
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
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
    void writeSimulateRequestAndApprove() {
        chromium.walk("policies-failure", PolicyConsoleBrowserTest::walkThrough);
    }

    private static void signIn(String who, String page) {
        chromium.signIn(platform.url(page), platform.tokens.get(who), wait);
    }

    private static void signOut() {
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
    }

    private static void walkThrough() {
        browser.manage().window().setSize(new Dimension(1440, 1400));
        signIn("sofia", "/console/policies");
        // A new installation has one policy: the baseline (administrators everything, owners their domains).
        WebElement installed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policies")));
        assertThat(installed.findElements(By.cssSelector("tbody tr"))).singleElement()
                .satisfies(row -> assertThat(row.getText()).contains("platform-baseline").contains("northstar"));

        // A policy with a typo: Check names the line, nothing is stored.
        browser.findElement(By.id("new-policy")).click();
        WebElement yaml = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policy-yaml-input")));
        yaml.clear();
        yaml.sendKeys(PolicyPlatform.MARKETING.replace("mask: redact", "mask: scramble"));
        browser.findElement(By.id("check")).click();
        WebElement lint = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lint")));
        assertThat(lint.getText()).contains("line 15, column 5").contains("Unknown mask kind 'scramble'");
        chromium.screenshot("policies-lint");

        // Fixed, checked, saved: version 1 by sofia.
        yaml = browser.findElement(By.id("policy-yaml-input"));
        yaml.clear();
        yaml.sendKeys(PolicyPlatform.MARKETING);
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBe(By.id("lint"), "Valid."));
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(browser.findElement(By.id("history")).getText()).contains("v1 applied by sofia");
        assertThat(browser.findElement(By.id("policy-yaml")).getText()).contains("filter: region = ${subject.region}");

        // What would mark, in marketing in the EU, see of the customers for a campaign?
        browser.get(platform.url("/console/policies/simulate"));
        browser.findElement(By.id("sim-principal")).sendKeys("mark");
        browser.findElement(By.id("sim-roles")).sendKeys("marketing");
        browser.findElement(By.id("sim-attributes")).sendKeys("region=EU");
        browser.findElement(By.id("sim-purpose")).sendKeys("marketing");
        new Select(browser.findElement(By.id("sim-table"))).selectByValue("retail.customers");
        browser.findElement(By.id("simulate")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decision")));
        assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("ALLOWED");
        assertThat(browser.findElement(By.cssSelector("tr.column-denied")).getText()).contains("birth_year")
                .contains("marketing#2");
        assertThat(browser.findElement(By.cssSelector("tr.column-masked")).getText()).contains("email")
                .contains("redact");
        assertThat(browser.findElement(By.id("row-filters")).getText()).contains("region = 'EU'");
        chromium.screenshot("policies-simulate");
        signOut();

        // The intern asks for the customers for a report.
        signIn("dave", "/console/policies");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("request-form")));
        new Select(browser.findElement(By.id("request-table"))).selectByValue("retail.customers");
        browser.findElement(By.id("request-purpose")).sendKeys("reporting");
        browser.findElement(By.id("request-justification")).sendKeys("Quarterly churn report");
        browser.findElement(By.id("request")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done"))).getText())
                .startsWith("Requested req-").contains("dave on retail.customers for reporting");
        signOut();

        // Carol owns the table: she approves.
        signIn("carol", "/console/policies");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#access-requests tbody tr")));
        assertThat(row.findElement(By.className("status")).getText()).isEqualTo("pending");
        row.findElement(By.name("note")).sendKeys("For Q4 only");
        row.findElement(By.className("approve")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done"))).getText())
                .startsWith("Approved req-");
        assertThat(browser.findElement(By.cssSelector("#access-requests tbody tr .status")).getText())
                .isEqualTo("approved");
        chromium.screenshot("policies-requests");
    }
}
