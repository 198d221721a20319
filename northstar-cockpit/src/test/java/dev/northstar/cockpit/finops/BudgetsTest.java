package dev.northstar.cockpit.finops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.store.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets on a real lake: actual against budget, the linear forecast, and each threshold's alert raised once. */
class BudgetsTest {
    private static final Instant MARCH = Instant.parse("2027-03-01T00:00:00Z");
    private static final String PRICES = """
            kind: PriceModel
            name: test
            storage_per_gb_month: 2
            compute_per_cpu_second: 0.5
            """;
    private static final String FINANCE_BUDGET = """
            kind: Budget
            name: finance-monthly
            scope: {domain: finance}
            amount: 6
            thresholds: [80, 100]
            notify: [cfo@example.org]
            """;

    @TempDir
    Path directory;

    private TelemetryPlatform platform;
    private Budgets budgets;
    private long ledgerBytes;

    @BeforeEach
    void open() throws Exception {
        platform = new TelemetryPlatform(directory, MARCH).loaded();
        PriceModels prices = new PriceModels(platform.store.database(), platform.clock);
        prices.apply(PriceModels.parse("prices.yaml", PRICES).orThrow(), PRICES, "cdo", false);
        CostAttribution costs = new CostAttribution(platform.lake, platform.store.database(), prices,
                UseCaseLinks.NONE);
        budgets = new Budgets(platform.store.database(), costs, platform.clock);
        ledgerBytes = platform.lake.describe(TelemetryPlatform.LEDGER).totalBytes();
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private void ledgerRun(String id, Duration at, Duration length) {
        Instant start = MARCH.plus(at);
        platform.store.runs().save(new RunRecord(id, "ingest", "finance.ledger", RunRecord.SUCCEEDED, start,
                Optional.of(start.plus(length)), 1, 1, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of()));
    }

    private double storage(Duration length) {
        return ledgerBytes / CostAttribution.GB * length.toMillis() / CostAttribution.MONTH.toMillis() * 2.0;
    }

    @Test
    void raisesEachThresholdOnceAndForecastsTheMonth() {
        Budget budget = Budgets.parse("finance.yaml", FINANCE_BUDGET).orThrow();
        assertThat(budget).isEqualTo(new Budget("finance-monthly", CostAttribution.Dimension.DOMAIN, "finance", 6,
                List.of(80, 100), List.of("cfo@example.org")));
        assertThat(budgets.apply(budget, FINANCE_BUDGET, "cdo", true)).isEqualTo(
                "Budget finance-monthly: created (dry run)");
        assertThat(budgets.list()).isEmpty();
        assertThat(budgets.apply(budget, FINANCE_BUDGET, "cdo", false)).isEqualTo("Budget finance-monthly: created");
        assertThat(budgets.apply(budget, FINANCE_BUDGET, "cdo", false)).isEqualTo("Budget finance-monthly: unchanged");

        // 10 s of ingestion on day 2: 5 EUR, 83 % of the budget with the storage of ten days.
        ledgerRun("run-1", Duration.ofDays(2), Duration.ofSeconds(10));
        platform.clock.advance(Duration.ofDays(10));
        Budgets.Status first = budgets.evaluate().get(0);
        double actual = 5.0 + storage(Duration.ofDays(10));
        assertThat(first.month()).isEqualTo("2027-03");
        assertThat(first.actual()).isCloseTo(actual, within(1e-12));
        assertThat(first.forecast()).isCloseTo(actual * 31 / 10, within(1e-12));
        assertThat(first.usedPercent()).isCloseTo(actual * 100 / 6, within(1e-9));
        assertThat(first.raised()).extracting(Budgets.Alert::thresholdPercent).containsExactly(80);
        assertThat(first.raised().get(0).recipients()).containsExactly("cfo@example.org");
        assertThat(first.alerts()).hasSize(1);

        // Evaluating again reports the alert without raising it anew.
        Budgets.Status again = budgets.evaluate().get(0);
        assertThat(again.raised()).isEmpty();
        assertThat(again.alerts()).extracting(Budgets.Alert::thresholdPercent).containsExactly(80);

        // Two more seconds cross 100 %.
        ledgerRun("run-2", Duration.ofDays(11), Duration.ofSeconds(2));
        platform.clock.advance(Duration.ofDays(2));
        Budgets.Status crossed = budgets.evaluate().get(0);
        assertThat(crossed.actual()).isCloseTo(6.0 + storage(Duration.ofDays(12)), within(1e-12));
        assertThat(crossed.raised()).extracting(Budgets.Alert::thresholdPercent).containsExactly(100);
        assertThat(crossed.alerts()).extracting(Budgets.Alert::thresholdPercent).containsExactly(80, 100);
        assertThat(budgets.alerts(Optional.empty(), "2027-03")).hasSize(2);

        // A new month starts from zero.
        platform.clock.advance(Duration.ofDays(20));
        Budgets.Status april = budgets.evaluate().get(0);
        assertThat(april.month()).isEqualTo("2027-04");
        assertThat(april.raised()).isEmpty();
        assertThat(april.alerts()).isEmpty();
    }

    @Test
    void budgetProblemsNameLineAndFix() {
        var parsed = Budget.parse("budget.yaml", """
                kind: Budget
                name: retail
                scope: {region: eu}
                amount: 0
                thresholds: [80, lots]
                """);
        assertThat(parsed.definition()).isEmpty();
        assertThat(parsed.problems()).extracting(YamlProblem::toString).containsExactly(
                "budget.yaml:3:9: scope.region: Unknown field 'region' (Known fields here: [domain, product, tag, use_case,"
                        + " usecase])",
                "budget.yaml:4:1: amount: 'amount' must be greater than 0.0, got 0 (Write a number above 0.0)",
                "budget.yaml:5:18: thresholds[1]: Invalid threshold 'lots' (Write whole percentages of the amount"
                        + " from 1 to 1000, e.g. [80, 100])");
    }
}
