package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** {@code northstar readiness} and {@code northstar review} on a data directory that grows. */
class ReviewCommandTest extends InitializedHomeTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readinessPrintsTheChecklistThePlanAndTheScore() throws Exception {
        CliRun table = northstar("readiness");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).containsSubsequence("Ready to start", "Executive sponsor and clear OKRs",
                "Business KPIs defined and reviewed monthly", "100-day plan", "Weeks 1–2", "Weeks 9–12",
                "Maturity: ");

        JsonNode before = JSON.readTree(northstar("readiness", "--json").out());
        assertThat(before.get("items")).hasSize(12);
        JsonNode platform = item(before, "checklist.platform");
        assertThat(platform.get("status").asText()).isEqualTo("missing");

        // A table loaded through the lake is a successful run: the platform item moves to partial.
        assertThat(northstar("table", "create", "retail.orders", "--column", "order_id!:long").exitCode()).isZero();
        Files.writeString(directory.resolve("orders.csv"), "order_id\n1\n2\n");
        assertThat(northstar("load", "orders.csv", "--table", "retail.orders").exitCode()).isZero();
        JsonNode after = JSON.readTree(northstar("readiness", "--json").out());
        assertThat(item(after, "checklist.platform").get("status").asText()).isEqualTo("partial");
        assertThat(after.get("score").asInt()).isGreaterThan(before.get("score").asInt());
    }

    private static JsonNode item(JsonNode readiness, String id) {
        for (JsonNode item : readiness.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("No item " + id + " in " + readiness);
    }

    @Test
    void reviewWritesHtmlAndPdf() throws Exception {
        CliRun run = northstar("review", "--month", "2026-11", "--html", "out/review.html", "--pdf",
                "out/review.pdf");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Wrote the review of 2026-11 (HTML) to ", "Wrote the review of 2026-11 (PDF) to ");
        Path html = directory.resolve("out/review.html");
        assertThat(Files.readString(html)).contains("Monthly data review · November 2026", "No use cases yet",
                "Readiness: ");
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(directory.resolve("out/review.pdf")))) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            assertThat(new PDFTextStripper().getText(document)).contains("Monthly data review · November 2026",
                    "Executive sponsor and clear OKRs");
        }
    }

    @Test
    void aBadMonthSaysHowToWriteIt() {
        CliRun run = northstar("review", "--month", "11/2026");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--month '11/2026' is not a month", "YYYY-MM");
    }
}
