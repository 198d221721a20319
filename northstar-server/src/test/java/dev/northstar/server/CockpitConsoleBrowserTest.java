package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.northstar.cockpit.review.CockpitCharts;
import dev.northstar.cockpit.review.UseCaseTile;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * The CDO cockpit as the CDO sees it in headless Chromium: sign in and land on it, read the KPI tiles, find each use
 * case's bubble where its scores put it, count the pipeline, read the maturity score, and open the monthly review in
 * HTML and PDF. Its screenshot is {@code target/console-cockpit.png} (the README's {@code docs/images/cockpit.png}).
 */
class CockpitConsoleBrowserTest {
    private static CockpitPlatform platform;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start("CockpitConsoleBrowserTest");
        platform = CockpitPlatform.start(true);
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theCdoLandsOnTheCockpitAndPrintsTheMonthlyReview() {
        chromium.walk("cockpit-failure", () -> {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            chromium.signIn(platform.url("/console"), platform.token, wait);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("portfolio-matrix")));
            assertThat(browser.getCurrentUrl()).endsWith("/console");
            assertThat(browser.getTitle()).isEqualTo("Northstar · Cockpit");

            // KPI tiles: values, status colours and a sparkline for each measured KPI.
            List<WebElement> tiles = browser.findElements(By.cssSelector("#kpi-tiles .ns-kpi"));
            assertThat(tiles).hasSize(6);
            WebElement users = browser.findElement(By.id("kpi-adoption.active-users"));
            assertThat(users.findElement(By.cssSelector(".ns-kpi-value")).getText()).isEqualTo("42 users");
            assertThat(users.getAttribute("class")).contains("ns-kpi-at-risk");
            assertThat(users.getCssValue("border-left-color")).isEqualTo("rgba(255, 193, 7, 1)");
            assertThat(browser.findElement(By.id("kpi-quality.slo-share")).getAttribute("class"))
                    .contains("ns-kpi-on-target");
            assertThat(browser.findElement(By.id("kpi-compliance.gdpr-response")).getText())
                    .contains("No data-subject request yet");
            assertThat(browser.findElements(By.cssSelector("#kpi-tiles svg.ns-sparkline polyline"))).hasSize(5);

            // One bubble per use case, placed by its feasibility (x) and impact (y).
            List<WebElement> bubbles = browser.findElements(By.cssSelector("#portfolio-matrix g.ns-bubble"));
            assertThat(bubbles).hasSize(5);
            Map<String, UseCaseTile> byId = CockpitPlatform.useCases().stream()
                    .collect(Collectors.toMap(UseCaseTile::id, Function.identity()));
            for (WebElement bubble : bubbles) {
                UseCaseTile useCase = byId.get(bubble.getAttribute("data-id"));
                WebElement circle = bubble.findElement(By.tagName("circle"));
                assertThat(Double.parseDouble(circle.getAttribute("cx"))).as(useCase.id())
                        .isCloseTo(CockpitCharts.x(useCase.feasibility()), within(0.06));
                assertThat(Double.parseDouble(circle.getAttribute("cy"))).as(useCase.id())
                        .isCloseTo(CockpitCharts.y(useCase.impact()), within(0.06));
                assertThat(circle.getAttribute("fill")).isEqualTo(CockpitCharts.leverColour(useCase.lever()));
            }
            // The quick win sits right of and above the exploration on screen.
            org.openqa.selenium.Rectangle churn = bubble("churn-prevention").getRect();
            org.openqa.selenium.Rectangle advisor = bubble("gen-advisor").getRect();
            assertThat(churn.getX()).isGreaterThan(advisor.getX());
            assertThat(churn.getY()).isLessThan(advisor.getY());

            // Pipeline counts and cards.
            assertThat(browser.findElement(By.id("pipeline-idea-count")).getText()).isEqualTo("2");
            assertThat(browser.findElement(By.id("pipeline-mvp-count")).getText()).isEqualTo("2");
            assertThat(browser.findElement(By.id("pipeline-production-count")).getText()).isEqualTo("1");
            assertThat(browser.findElements(By.cssSelector("#pipeline-mvp .ns-usecase"))).extracting(
                    card -> card.findElement(By.cssSelector(".fw-semibold")).getText())
                    .containsExactly("Real-time fraud detection", "Next best offer");

            // Costs with budgets, readiness with its score.
            assertThat(browser.findElements(By.cssSelector("#costs tbody tr"))).hasSize(3);
            assertThat(browser.findElement(By.cssSelector(".ns-budget-exceeded")).getText())
                    .contains("domain banking", "2,410 EUR of 2,000 EUR", "exceeded");
            String score = browser.findElement(By.id("maturity-score")).getText();
            assertThat(Integer.parseInt(score)).isBetween(1, 100);
            assertThat(browser.findElements(By.cssSelector("#readiness .ns-ready"))).hasSize(12);
            assertThat(browser.findElement(By.id("ready-checklist-prioritised-use-cases")).getText())
                    .contains("4 of 5 use cases have a business case", "done");

            browser.manage().window().setSize(new Dimension(1440, 1760));
            chromium.screenshot("cockpit");
            browser.manage().window().setSize(new Dimension(1440, 1000));

            // The review links: the HTML opens in the browser, the PDF is a PDF.
            String pdfLink = browser.findElement(By.id("review-pdf")).getAttribute("href");
            browser.findElement(By.id("review-html")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-title")));
            assertThat(browser.findElement(By.id("review-title")).getText())
                    .isEqualTo("Monthly data review · November 2026");
            assertThat(browser.findElements(By.cssSelector("#review-portfolio g.ns-bubble"))).hasSize(5);
            assertThat(browser.findElement(By.id("review-maturity")).getText()).isEqualTo(score + "/100");
            HttpResponse<byte[]> pdf = platform.bytes(pdfLink.substring(platform.server.baseUrl().length()));
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        });
    }

    private static WebElement bubble(String id) {
        return browser.findElement(By.cssSelector("#portfolio-matrix g.ns-bubble[data-id='" + id + "'] circle"));
    }
}
