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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Models and serving as people use them, in headless Chromium: the trainer opens the credit model's card, sees its
 * failed fairness gates, and can neither approve nor promote it alone; a validator approves it and the gates still
 * refuse champion; after a few scores the Serve page's live decisions refresh by themselves. Screenshots go to
 * {@code target/console-models*.png} and {@code target/console-serve.png}.
 */
class ModelConsoleBrowserTest {
    private static final Http HTTP = new Http();
    private static ModelConsolePlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("ModelConsoleBrowserTest");
        platform = ModelConsolePlatform.start();
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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
    void cardRefusalsAndLiveDecisions() {
        chromium.walk("models-failure", ModelConsoleBrowserTest::walkThrough);
    }

    private static void signIn(String who, String page) {
        chromium.signIn(platform.url(page), platform.tokens.get(who), wait);
    }

    private static void signOut() {
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
    }

    private static void walkThrough() {
        browser.manage().window().setSize(new Dimension(1440, 1600));
        signIn("ada", "/console/models");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("model-credit-approval-lite")));
        browser.findElement(By.cssSelector("#version-credit-approval-lite-1 a")).click();
        WebElement gates = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("gates")));
        assertThat(gates.findElements(By.cssSelector("tr.gate-failed"))).isNotEmpty();
        assertThat(gates.getText()).contains("FAILED");
        assertThat(browser.findElement(By.id("fairness-gender")).getText()).contains("F").contains("M");
        chromium.screenshot("models-card");

        // The trainer alone: approving her own version and promoting it are refused, on the page.
        assertThat(submit("approve", "refused").getText()).contains("four-eyes");
        // The answer page has a "refused" element too: wait for the next page, not the one already shown.
        assertThat(submit("promote-champion", "refused").getText()).contains("ada");
        signOut();

        // A validator approves; the failed gates still keep it from champion.
        signIn("bob", "/console/models/credit-approval-lite/versions/1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve-comment"))).sendKeys("bias reviewed");
        assertThat(submit("approve", "done").getText()).contains("Approved by bob");
        assertThat(browser.findElement(By.id("approvals")).getText()).contains("bob").contains("bias reviewed");
        assertThat(submit("promote-champion", "refused").getText()).contains("gate");
        chromium.screenshot("models-refused");
        signOut();

        // Live decisions: the page refreshes them by itself as requests are scored.
        signIn("root", "/console/serve");
        WebElement live = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live")));
        for (int i = 0; i < 5; i++) {
            Http.Response scored = HTTP.post(platform.url("/api/v1/score/" + ModelConsolePlatform.FRAUD),
                    "application/json", ModelConsolePlatform.scoreRequest("walk-" + i, 990_200 + i, 80 + i * 100),
                    Http.bearer(platform.tokens.get("checkout")));
            assertThat(scored.status()).as(scored.body()).isEqualTo(200);
        }
        wait.until(ExpectedConditions.textToBePresentInElement(live, "card_id=990204"));
        assertThat(live.findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(live.getText()).contains(ModelConsolePlatform.FRAUD);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drift-card-fraud-lite")));
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("card_id=990204");
        chromium.screenshot("serve");
    }

    /** Clicks a form's button, waits for the page it loads, then for an element of it. */
    private static WebElement submit(String button, String answer) {
        chromium.clickAndAwaitNextPage(By.id(button));
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(answer)));
    }
}
