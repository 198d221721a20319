package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code northstar apply} on a folder mixing a data contract and use cases, then {@code northstar usecase ...}. */
class UseCaseCommandTest extends InitializedHomeTestBase {
    private static final String CHURN = """
            apiVersion: northstar/v1
            kind: UseCase
            id: churn-alerts
            title: Churn alerts
            domain: sales
            sector: retail
            lever: optimisation
            sponsor: CMO
            impact: {business_value: 4, strategic_fit: 3}
            feasibility: {data_availability: 3, technical: 3, change: 3}
            dependencies: [card-fraud-scoring]
            links: {products: [sales.orders]}
            business_case:
              currency: EUR
              horizon_years: 2
              discount_rate: 0
              start: 2026-01
              benefits: 120000
              costs: {data: 12000, cloud: 24000, opex: 12000}
              one_off: {change: 40000, build: 60000}
            """;

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String demo(String name) throws IOException {
        try (InputStream in = UseCaseCommandTest.class.getResourceAsStream("/dev/northstar/cockpit/demo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void appliesAMixedFolderAndShowsThePortfolio() throws IOException {
        Path contract = write("project/orders.odcs.yaml", ContractCommandTest.ORDERS);
        Path churn = write("project/usecases/churn.yaml", CHURN);
        Path fraud = write("project/usecases/fraud.yaml", demo("card-fraud-scoring.yaml"));

        CliRun dryRun = northstar("apply", "project", "--dry-run", "--by", "cdo");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.outLines()).contains("would store use case churn-alerts version 1 (" + churn + ")",
                "Dry run: nothing was changed.");
        assertThat(northstar("usecase", "list").out()).contains("No use cases.");

        CliRun applied = northstar("apply", "project", "--by", "cdo");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.outLines()).contains(
                "created sales.orders (" + contract + "): 2 columns",
                "stored use case churn-alerts version 1 (" + churn + ")",
                "stored use case card-fraud-scoring version 1 (" + fraud + ")");
        // The contract's table was created first, so only the finance pack's links are warnings.
        assertThat(applied.out()).doesNotContain("sales.orders does not exist")
                .contains("warning: " + fraud + ":37:14: links.products[0]: Data product banking.card_transactions"
                        + " does not exist yet");

        CliRun again = northstar("apply", "project");
        assertThat(again.outLines()).contains("unchanged use case churn-alerts version 1 (" + churn + ")",
                "Everything is up to date.");

        CliRun list = northstar("usecase", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.outLines().get(0).trim()).startsWith("RANK").contains("QUADRANT", "ROI", "PAYBACK", "NPV");
        // churn: B 120 000, C 48 000, O 100 000, 2 years at 0 %: ROI 44 000 / 196 000 = 0.2245, payback 17, NPV 44 000.
        assertThat(list.outLines().get(2)).contains("    1 | card-fraud-scoring");
        assertThat(list.outLines().get(3)).contains("2 | churn-alerts", "quick_win", "0.2245", "17 mo", "44000.00",
                "EUR");

        CliRun json = northstar("usecase", "show", "churn-alerts", "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"roi\" : 0.2245", "\"payback_months\" : 17", "\"npv\" : 44000.00",
                "\"quadrant\" : \"quick_win\"", "\"applied_by\" : \"cdo\"");
        CliRun show = northstar("usecase", "show", "card-fraud-scoring");
        assertThat(show.out()).contains("impact 4.50, feasibility 3.67 -> quick_win (T0–T3 months)",
                "idea -> MVP: 49 days");

        CliRun refused = northstar("usecase", "delete", "card-fraud-scoring");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("is a dependency of churn-alerts");
        assertThat(northstar("usecase", "delete", "churn-alerts", "--by", "cdo").out())
                .contains("deleted use case churn-alerts (version 2)");
        assertThat(northstar("usecase", "history", "churn-alerts").outLines()).hasSize(4)
                .anySatisfy(line -> assertThat(line).contains("deleted"));
    }

    @Test
    void checksEveryFileOfEveryKindBeforeApplyingAny() throws IOException {
        write("project/orders.odcs.yaml", ContractCommandTest.ORDERS.replace("domain: sales\n", ""));
        Path churn = write("project/churn.yaml", CHURN.replace("impact: {business_value: 4",
                "impact: {business_value: 9"));

        CliRun run = northstar("apply", "project");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("The contract has no domain",
                churn + ":9:10: impact.business_value: business_value must be from 1 to 5, got 9",
                "Nothing applied: 2 problems");
        assertThat(northstar("table", "list").out()).doesNotContain("orders");
        assertThat(northstar("usecase", "list").out()).contains("No use cases.");
    }
}
