package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.cockpit.review.CockpitCharts;
import dev.northstar.cockpit.review.PlatformFacts;
import dev.northstar.cockpit.review.Readiness;
import dev.northstar.cockpit.review.ReadinessEvaluator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cockpit over real HTTP: the landing page, the readiness API and the monthly review in HTML and PDF. */
class CockpitConsoleTest {
    private static final Http HTTP = new Http();
    private static CockpitPlatform platform;
    private static CockpitPlatform empty;

    @BeforeAll
    static void start() {
        platform = CockpitPlatform.start(true);
        empty = CockpitPlatform.start(false);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (empty != null) {
            empty.close();
        }
    }

    private static Http.Response page(CockpitPlatform on, String path) {
        return HTTP.get(on.url(path), "Cookie", Authentication.COOKIE + "=" + on.token);
    }

    @Test
    void theLandingPageIsTheCockpit() {
        String body = page(platform, "/console").body();

        assertThat(body).contains("<title>Northstar · Cockpit</title>", "<h1 class=\"h3\">CDO cockpit</h1>",
                "November 2026", "href=\"/api/v1/review/monthly?month=2026-11&amp;format=pdf\"");
        assertThat(body).contains("id=\"kpi-adoption.active-users\"", "42 users", "at risk · target 50 users",
                "No data-subject request yet");
        assertThat(body.split("class=\"ns-bubble\"", -1)).hasSize(6);
        assertThat(body).contains("<a href=\"/api/v1/usecases/churn-prevention\"><g class=\"ns-bubble\" "
                + "data-id=\"churn-prevention\"");
        assertThat(body).contains("id=\"pipeline-idea-count\">2<", "id=\"pipeline-mvp-count\">2<",
                "id=\"pipeline-production-count\">1<");
        assertThat(body).contains("data-key=\"banking\"", "2,410 EUR of 2,000 EUR · <strong>exceeded</strong>");
        assertThat(body).contains("<a class=\"nav-link active\" aria-current=\"page\" href=\"/console\" "
                + "id=\"stage-value\">Value</a>", "href=\"/console/overview\" id=\"nav-overview\"");
    }

    @Test
    void withoutAPortfolioTheCockpitSaysWhatToDo() {
        String body = page(empty, "/console").body();

        assertThat(body).contains("id=\"no-kpis\"", "id=\"no-costs\"", "id=\"no-pipeline\"");
        assertThat(body).contains("No use cases yet: put <code>kind: UseCase</code> files in your project folder and "
                + "run <code>northstar apply DIR</code>.");
        // Readiness is still measured from the database, where the portfolio items are all missing.
        Readiness measured = ReadinessEvaluator.evaluate(PlatformFacts.read(empty.store.database(),
                CockpitPlatform.AS_OF), dev.northstar.cockpit.review.CockpitView.empty(CockpitPlatform.AS_OF,
                YearMonth.of(2026, 11)));
        assertThat(body).contains("id=\"maturity-score\">" + measured.score() + "<",
                measured.count(dev.northstar.cockpit.review.ReadinessStatus.MISSING) + " missing",
                "id=\"ready-checklist-sponsor-okrs\"");
        assertThat(measured.count(dev.northstar.cockpit.review.ReadinessStatus.MISSING)).isGreaterThanOrEqualTo(10);
        assertThat(body).doesNotContain("class=\"ns-bubble\"");
    }

    @Test
    void readinessApiMatchesTheEvaluationOfTheDatabase() {
        Http.Response response = HTTP.get(platform.url("/api/v1/readiness"), Http.bearer(platform.token));

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        Readiness expected = ReadinessEvaluator.evaluate(
                PlatformFacts.read(platform.store.database(), CockpitPlatform.AS_OF),
                CockpitPlatform.view(YearMonth.of(2026, 11)));
        assertThat(json.get("score").asInt()).isEqualTo(expected.score());
        assertThat(json.get("level_name").asText()).isEqualTo(expected.levelName());
        assertThat(json.get("items")).hasSize(12);
        JsonNode first = json.get("items").get(0);
        assertThat(first.get("id").asText()).isEqualTo("checklist.sponsor-okrs");
        assertThat(first.get("status").asText()).isEqualTo("partial");
        assertThat(first.get("evidence").asText())
                .isEqualTo("4 of 5 use cases name a sponsor; 3 define a North Star metric");
        assertThat(first.get("links").get(0).get("path").asText()).isEqualTo("/api/v1/usecases");
        assertThat(first.get("next_step").asText()).isNotBlank();
        assertThat(page(platform, "/console").body()).contains("id=\"maturity-score\">" + expected.score() + "<");
    }

    @Test
    void monthlyReviewAsHtml() {
        Http.Response response = HTTP.get(platform.url("/api/v1/review/monthly?month=2026-10"),
                Http.bearer(platform.token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(
                "text/html"));
        assertThat(response.header("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'none'"));
        assertThat(response.body()).contains("Monthly data review · October 2026", "Next best offer",
                "1,240,000 EUR", "16 (4×4)");
        assertThat(response.body()).contains(String.format(java.util.Locale.ROOT, "cx=\"%.1f\" cy=\"%.1f\"",
                CockpitCharts.x(4), CockpitCharts.y(4.5)));
    }

    @Test
    void monthlyReviewAsPdf() throws IOException {
        HttpResponse<byte[]> response = platform.bytes("/api/v1/review/monthly?month=2026-11&format=pdf");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("inline; filename=\"northstar-review-2026-11.pdf\"");
        try (PDDocument document = Loader.loadPDF(response.body())) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            assertThat(new PDFTextStripper().getText(document)).contains("Monthly data review · November 2026",
                    "Branch cash forecasting", "97.5 %");
        }
    }

    @Test
    void aMonthThatIsNotOneIsRefusedWithTheFix() {
        Http.Response badMonth = HTTP.get(platform.url("/api/v1/review/monthly?month=november"),
                Http.bearer(platform.token));
        Http.Response badFormat = HTTP.get(platform.url("/api/v1/review/monthly?format=docx"),
                Http.bearer(platform.token));
        Http.Response anonymous = HTTP.get(platform.url("/api/v1/review/monthly"));

        assertThat(badMonth.status()).isEqualTo(400);
        assertThat(badMonth.body()).contains("month 'november' is not a month", "YYYY-MM");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.body()).contains("Use format=html or format=pdf");
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
