package dev.northstar.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import dev.northstar.spi.store.RunRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(28);

    @Test
    void errorBudgetExactlySpent() {
        ErrorBudget budget = new ErrorBudget(0.99, 990, 1000);

        assertThat(budget.indicator()).isEqualTo(0.99);
        assertThat(budget.budget()).isCloseTo(10, within(1e-9));
        assertThat(budget.consumed()).isEqualTo(10);
        assertThat(budget.remaining()).isCloseTo(0, within(1e-9));
        assertThat(budget.remainingFraction()).isCloseTo(0, within(1e-9));
        assertThat(budget.burnRate()).isCloseTo(1, within(1e-9));
        assertThat(budget.met()).isTrue();
    }

    @Test
    void errorBudgetHalfSpentAndOverspent() {
        ErrorBudget half = new ErrorBudget(0.99, 995, 1000);
        assertThat(half.remaining()).isCloseTo(5, within(1e-9));
        assertThat(half.remainingFraction()).isCloseTo(0.5, within(1e-9));
        assertThat(half.burnRate()).isCloseTo(0.5, within(1e-9));

        ErrorBudget over = new ErrorBudget(0.95, 80, 100);
        assertThat(over.budget()).isCloseTo(5, within(1e-9));
        assertThat(over.consumed()).isEqualTo(20);
        assertThat(over.remaining()).isCloseTo(-15, within(1e-9));
        assertThat(over.remainingFraction()).isCloseTo(-3, within(1e-9));
        assertThat(over.burnRate()).isCloseTo(4, within(1e-9));
        assertThat(over.met()).isFalse();

        ErrorBudget nothing = new ErrorBudget(0.99, 0, 0);
        assertThat(nothing.indicator()).isEqualTo(1);
        assertThat(nothing.remainingFraction()).isEqualTo(1);
        assertThat(nothing.burnRate()).isZero();
        assertThat(nothing.met()).isTrue();
    }

    @Test
    void objectivesAndBudgetsAreValidated() {
        assertThatThrownBy(() -> Slo.availability(100, WINDOW))
                .hasMessage("The availability objective must be strictly between 0 and 100 percent, got 100.0");
        assertThatThrownBy(() -> new Slo(Slo.Kind.FRESHNESS, 99, WINDOW, Optional.empty()))
                .hasMessage("A freshness SLO needs a maximum age, and only a freshness SLO takes one");
        assertThatThrownBy(() -> new ErrorBudget(0.99, 11, 10))
                .hasMessage("Good events (11.0) must be between 0 and the total (10.0)");
    }

    private static RunRecord run(String id, String status, Duration ago, Map<String, String> details) {
        Instant started = NOW.minus(ago);
        return new RunRecord(id, "load", "shop.orders", status, started,
                status.equals(RunRecord.RUNNING) ? Optional.empty() : Optional.of(started.plusSeconds(5)), 0, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), details);
    }

    @Test
    void availabilityIsTheShareOfFinishedRunsThatSucceeded() {
        List<RunRecord> runs = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            runs.add(run("ok" + i, RunRecord.SUCCEEDED, Duration.ofDays(i), Map.of()));
        }
        runs.add(run("failed", RunRecord.FAILED, Duration.ofDays(10), Map.of()));
        runs.add(run("running", RunRecord.RUNNING, Duration.ofMinutes(1), Map.of()));
        runs.add(run("old", RunRecord.FAILED, Duration.ofDays(40), Map.of()));

        SloStatus status = SloEvaluator.availability(Slo.availability(99, WINDOW), runs, NOW);

        assertThat(status.budget().good()).isEqualTo(8);
        assertThat(status.budget().total()).isEqualTo(9);
        assertThat(status.budget().budget()).isCloseTo(0.09, within(1e-9));
        assertThat(status.budget().burnRate()).isCloseTo((1.0 / 9) / 0.01, within(1e-9)); // 11.1
        assertThat(status.budget().met()).isFalse();
        assertThat(status.from()).isEqualTo(NOW.minus(Duration.ofDays(10)));
        assertThat(status.to()).isEqualTo(NOW);
    }

    @Test
    void completenessIsValidRowsOverRowsReadOfSuccessfulRuns() {
        List<RunRecord> runs = List.of(
                run("a", RunRecord.SUCCEEDED, Duration.ofDays(1), Map.of("rows_in", "1000", "rows_valid", "990",
                        "rows_quarantined", "10")),
                run("b", RunRecord.SUCCEEDED, Duration.ofDays(2), Map.of("rows_in", "500", "rows_valid", "500")),
                run("failed", RunRecord.FAILED, Duration.ofDays(3), Map.of("rows_in", "500", "rows_valid", "0")),
                run("no-details", RunRecord.SUCCEEDED, Duration.ofDays(3), Map.of()),
                run("old", RunRecord.SUCCEEDED, Duration.ofDays(30), Map.of("rows_in", "100", "rows_valid", "0")));

        SloStatus status = SloEvaluator.completeness(Slo.completeness(99, WINDOW), runs, NOW);

        assertThat(status.budget().good()).isEqualTo(1490);
        assertThat(status.budget().total()).isEqualTo(1500);
        assertThat(status.budget().budget()).isCloseTo(15, within(1e-9));
        assertThat(status.budget().remaining()).isCloseTo(5, within(1e-9));
        assertThat(status.budget().remainingFraction()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(status.budget().burnRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(status.budget().met()).isTrue();
    }

    @Test
    void inconsistentRunDetailsAreNamed() {
        List<RunRecord> runs = List.of(run("bad", RunRecord.SUCCEEDED, Duration.ofDays(1),
                Map.of("rows_in", "ten", "rows_valid", "5")));

        assertThatThrownBy(() -> SloEvaluator.completeness(Slo.completeness(99, WINDOW), runs, NOW))
                .hasMessage("Run bad on shop.orders records rows_in='ten', not a row count");
    }

    @Test
    void freshnessCountsTheStaleStretchesBetweenCommits() {
        Slo slo = Slo.freshness(99, Duration.ofDays(1), Duration.ofHours(6));
        List<Instant> commits = List.of(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(26)),
                NOW.minus(Duration.ofHours(20)), NOW.minus(Duration.ofHours(10)));

        // Stale from -14h to -10h (4h) and from -4h to -1h (3h): 17 fresh hours out of 24.
        SloStatus status = SloEvaluator.freshness(slo, commits, NOW);

        assertThat(status.budget().total()).isEqualTo(24 * 3600);
        assertThat(status.budget().good()).isEqualTo(17 * 3600);
        assertThat(status.budget().budget()).isCloseTo(0.01 * 24 * 3600, within(1e-6));
        assertThat(status.budget().burnRate()).isCloseTo((7.0 / 24) / 0.01, within(1e-9));
        assertThat(status.from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    }

    @Test
    void freshnessClipsStaleStretchesToTheWindowAndStartsAtTheFirstCommit() {
        Slo slo = Slo.freshness(99, Duration.ofDays(1), Duration.ofHours(6));

        // Stale from -26h (clipped to -24h) to -12h, then from -6h to now: 18 stale hours.
        SloStatus clipped = SloEvaluator.freshness(slo, List.of(NOW.minus(Duration.ofHours(32)),
                NOW.minus(Duration.ofHours(12))), NOW);
        assertThat(clipped.budget().good()).isEqualTo(6 * 3600);
        assertThat(clipped.budget().total()).isEqualTo(24 * 3600);

        Slo hourly = Slo.freshness(99, Duration.ofDays(1), Duration.ofHours(1));
        SloStatus young = SloEvaluator.freshness(hourly, List.of(NOW.minus(Duration.ofHours(6))), NOW);
        assertThat(young.from()).isEqualTo(NOW.minus(Duration.ofHours(6)));
        assertThat(young.budget().total()).isEqualTo(6 * 3600);
        assertThat(young.budget().good()).isEqualTo(3600);

        SloStatus never = SloEvaluator.freshness(hourly, List.of(), NOW);
        assertThat(never.budget().total()).isEqualTo(24 * 3600);
        assertThat(never.budget().good()).isZero();
    }

    @Test
    void evaluatesATableFromItsCommitsAndRecordedRuns(@TempDir Path home) {
        TableId orders = TableId.parse("shop.orders");
        LakeConfig config = LakeConfig.embedded(home);
        try (Lakehouse lake = Lakehouse.open(config); JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            lake.createTable(orders, TableDefinition.of(TableSchema.of(Column.parse("id:long"))));
            lake.write(orders, RowSource.sql("SELECT 1 AS id"), WriteOptions.append());
            Instant committed = lake.history(orders).get(0).committedAt();
            Instant now = committed.plus(Duration.ofHours(3));
            store.runs().save(new RunRecord("r1", "load", "shop.orders", RunRecord.SUCCEEDED,
                    committed.minusSeconds(5), Optional.of(committed), 10, 9, Optional.empty(), Optional.empty(),
                    Optional.empty(), Map.of("rows_in", "10", "rows_valid", "9")));
            store.runs().save(new RunRecord("r2", "load", "shop.orders", RunRecord.FAILED,
                    committed.plusSeconds(60), Optional.of(committed.plusSeconds(70)), 10, 0, Optional.empty(),
                    Optional.empty(), Optional.of("boom"), Map.of()));
            SloEvaluator evaluator = new SloEvaluator(lake, store.runs(), Clock.fixed(now, ZoneOffset.UTC));

            List<SloStatus> statuses = evaluator.evaluate(orders, List.of(
                    Slo.freshness(99, WINDOW, Duration.ofHours(1)), Slo.completeness(95, WINDOW),
                    Slo.availability(90, WINDOW)));

            assertThat(statuses.get(0).budget().total()).isEqualTo(3 * 3600);
            assertThat(statuses.get(0).budget().good()).isEqualTo(3600);
            assertThat(statuses.get(1).budget().good()).isEqualTo(9);
            assertThat(statuses.get(1).budget().total()).isEqualTo(10);
            assertThat(statuses.get(2).budget().good()).isEqualTo(1);
            assertThat(statuses.get(2).budget().total()).isEqualTo(2);
        }
    }
}
