package dev.northstar.cockpit.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class MonthlyReviewTest {
    @Test
    void htmlCarriesTheFiguresOfTheMonth() {
        String html = MonthlyReview.html(SampleView.view());

        assertThat(html).contains("<h1 id=\"review-title\">Monthly data review · November 2026</h1>")
                .contains("as of 2026-11-30 18:00 UTC")
                // KPIs with value, target, status and a sparkline
                .contains("<td>Active users</td>", "42 users", "50 users", "at risk", "class=\"ns-sparkline\"")
                .contains("<td>Products meeting their SLOs</td>", "97.5 %", "on target")
                .contains("GDPR response time", "not measured")
                // business cases
                .contains("<td>Churn prevention</td><td>Production</td><td>quick-win</td>")
                .contains("185.0 %", "7.2 months", "1,240,000 EUR", "900,000 EUR")
                // pipeline counts
                .contains("id=\"review-stage-idea\">1<", "id=\"review-stage-mvp\">1<",
                        "id=\"review-stage-production\">1<")
                // costs by domain, largest first, with the total, and budgets with their alert
                .containsSubsequence("<td>banking</td><td class=\"num\">2,410 EUR", "<td>retail</td>",
                        "<td>Total</td><td class=\"num\">4,240 EUR")
                .contains("domain banking", "120.5 %", "exceeded")
                // risks ranked by likelihood × severity
                .containsSubsequence("16 (4×4)", "Generative advisor", "12 (3×4)", "10 (2×5)")
                // readiness
                .contains("Executive sponsor and clear OKRs", "Weeks 9–12");
        assertThat(html.split("class=\"ns-bubble\"", -1)).hasSize(4);
    }

    @Test
    void htmlEscapesWhatPeopleTyped() {
        UseCaseTile hostile = new UseCaseTile("x", "<script>alert(1)</script>", "d & co", "innovation",
                java.util.Optional.empty(), PipelineStage.IDEA, 3, 3, "exploration", java.util.OptionalDouble.empty(),
                java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(),
                "EUR", java.util.Optional.empty(), false);
        CockpitView view = new CockpitView(SampleView.AS_OF, YearMonth.of(2026, 11), List.of(hostile), List.of(),
                List.of(), List.of(), List.of(), Readiness.of(List.of()));

        String html = MonthlyReview.html(view);

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "d &amp; co");
    }

    @Test
    void emptyMonthSaysWhatToDo() {
        CockpitView view = new CockpitView(SampleView.AS_OF, YearMonth.of(2026, 11), List.of(), List.of(), List.of(),
                List.of(), List.of(), Readiness.of(List.of()));

        assertThat(MonthlyReview.html(view)).contains("No use cases yet: put kind: UseCase files in your project "
                + "folder and run northstar apply DIR.", "No KPIs measured yet", "No costs attributed yet",
                "No risks assessed");
    }

    @Test
    void pdfIsARealA4DocumentWithTheReviewText() throws IOException {
        byte[] pdf = MonthlyReview.pdf(SampleView.view());
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "monthly-review-sample.pdf"), pdf);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "monthly-review-sample.html"),
                MonthlyReview.html(SampleView.view()));

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(595.3f,
                    org.assertj.core.data.Offset.offset(1f));
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Monthly data review · November 2026", "Churn prevention",
                    "Real-time fraud detection", "42 users", "97.5 %", "1,240,000 EUR", "Readiness",
                    "Page 1 of " + document.getNumberOfPages());
        }
    }
}
