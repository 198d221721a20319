package dev.northstar.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityEngineTest {
    static final TableId ORDERS = TableId.parse("shop.orders");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    /** Ten rows: three with id 8, two null and two placeholder emails, a lost status, amounts -5 and 250. */
    static final String CRAFTED_ROWS = "SELECT * FROM (VALUES"
            + " (1, 'a@x.io', 'new', 10.0, TIMESTAMP '2026-11-20 10:00:00'),"
            + " (2, NULL, 'paid', 20.0, TIMESTAMP '2026-11-20 11:00:00'),"
            + " (3, 'c@x.io', 'shipped', -5.0, TIMESTAMP '2026-11-20 12:00:00'),"
            + " (4, '', 'new', 30.0, TIMESTAMP '2026-11-21 09:00:00'),"
            + " (5, 'N/A', 'lost', 40.0, TIMESTAMP '2026-11-21 10:00:00'),"
            + " (6, NULL, NULL, 250.0, TIMESTAMP '2026-11-21 11:00:00'),"
            + " (7, 'g@x.io', 'paid', 50.0, NULL),"
            + " (8, 'h@x.io', 'paid', NULL, TIMESTAMP '2026-11-22 08:00:00'),"
            + " (8, 'h@x.io', 'new', 60.0, TIMESTAMP '2026-11-22 09:00:00'),"
            + " (8, 'i@x.io', 'new', 70.0, TIMESTAMP '2026-11-22 10:00:00')"
            + ") AS t(id, email, status, amount, updated_at)";

    @TempDir
    Path home;

    private Lakehouse lake;
    private CountingLakehouse counter;
    private QualityEngine engine;

    @BeforeEach
    void createTable() {
        CountingLakehouse.Counted counted = CountingLakehouse.wrap(Lakehouse.open(LakeConfig.embedded(home)));
        lake = counted.lake();
        counter = counted.counter();
        createOrders(lake);
        engine = new QualityEngine(lake, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static void createOrders(Lakehouse lake) {
        lake.createTable(ORDERS, TableDefinition.of(TableSchema.of(Column.parse("id:long"),
                Column.parse("email:string"), Column.parse("status:string"), Column.parse("amount:double"),
                Column.parse("updated_at:timestamp"))));
        lake.write(ORDERS, RowSource.sql(CRAFTED_ROWS), WriteOptions.append());
    }

    @AfterEach
    void close() {
        lake.close();
    }

    static List<Check> allMetricChecks() {
        return List.of(
                new Check.MetricCheck("rows", Metric.rowCount(), Comparison.mustBeGreaterThan(5), MeasureUnit.ROWS,
                        Severity.ERROR),
                new Check.MetricCheck("email_nulls", Metric.nullValues("email"), Comparison.mustBe(0),
                        MeasureUnit.ROWS, Severity.WARNING),
                new Check.MetricCheck("email_nulls_percent", Metric.nullValues("email"),
                        Comparison.mustBeLessOrEqualTo(25), MeasureUnit.PERCENT, Severity.ERROR),
                new Check.MetricCheck("email_missing", Metric.missingValues("email", List.of("", "N/A")),
                        Comparison.mustBeLessOrEqualTo(30), MeasureUnit.PERCENT, Severity.ERROR),
                new Check.MetricCheck("email_format", Metric.invalidValues("email", List.of(),
                        Optional.of("[^@]+@[^@]+")), Comparison.mustBe(0), MeasureUnit.ROWS, Severity.WARNING),
                new Check.MetricCheck("status_values", Metric.invalidValues("status",
                        List.of("new", "paid", "shipped"), Optional.empty()), Comparison.mustBe(0), MeasureUnit.ROWS,
                        Severity.ERROR),
                new Check.MetricCheck("amount_range", Metric.outOfRange("amount", Optional.of(0.0),
                        Optional.of(100.0)), Comparison.mustBeLessOrEqualTo(20), MeasureUnit.PERCENT, Severity.INFO),
                new Check.MetricCheck("id_unique", Metric.duplicateValues(List.of("id")), Comparison.mustBe(0),
                        MeasureUnit.ROWS, Severity.ERROR),
                new Check.MetricCheck("id_email_unique", Metric.duplicateValues(List.of("id", "email")),
                        Comparison.mustBe(0), MeasureUnit.ROWS, Severity.WARNING),
                new Check.MetricCheck("amount_min", Metric.minimum("amount"),
                        new Comparison(Comparison.Operator.MUST_BE_GREATER_OR_EQUAL_TO, List.of(0.0)),
                        MeasureUnit.ROWS, Severity.ERROR),
                new Check.MetricCheck("amount_max", Metric.maximum("amount"), Comparison.mustBeBetween(100, 300),
                        MeasureUnit.ROWS, Severity.ERROR));
    }

    @Test
    void computesEveryMetricOfTheTableInOneAggregateQuery() {
        CheckRun run = engine.run(ORDERS, allMetricChecks());

        assertThat(counter.queries()).hasSize(1);
        assertThat(counter.queries().get(0)).startsWith("SELECT count(*) AS \"row_count\"").endsWith("FROM shop.orders");
        assertThat(run.queries()).isEqualTo(1);
        assertThat(run.metrics()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("row_count", 10.0),
                Map.entry("null_values.email", 2.0),
                Map.entry("null_values_percent.email", 20.0),
                Map.entry("missing_values.email", 4.0),
                Map.entry("missing_values_percent.email", 40.0),
                Map.entry("invalid_values.email", 2.0),
                Map.entry("invalid_values_percent.email", 20.0),
                Map.entry("invalid_values.status", 1.0),
                Map.entry("invalid_values_percent.status", 10.0),
                Map.entry("out_of_range.amount", 2.0),
                Map.entry("out_of_range_percent.amount", 20.0),
                Map.entry("duplicate_values.id", 2.0),
                Map.entry("duplicate_values_percent.id", 20.0),
                Map.entry("duplicate_values.id+email", 1.0),
                Map.entry("duplicate_values_percent.id+email", 10.0),
                Map.entry("minimum.amount", -5.0),
                Map.entry("maximum.amount", 250.0)));
        assertThat(run.snapshotId()).isEqualTo(lake.describe(ORDERS).currentSnapshot().map(s -> s.snapshotId()));
        assertThat(run.at()).isEqualTo(NOW);
    }

    @Test
    void evaluatesEachCheckAgainstItsComparisonAndUnit() {
        CheckRun run = engine.run(ORDERS, allMetricChecks());

        Map<String, CheckResult> results = byId(run);
        assertThat(run.results()).extracting(CheckResult::checkId).containsExactly("rows", "email_nulls",
                "email_nulls_percent", "email_missing", "email_format", "status_values", "amount_range", "id_unique",
                "id_email_unique", "amount_min", "amount_max");
        assertThat(results.get("rows").passed()).isTrue();
        assertThat(results.get("email_nulls").passed()).isFalse();
        assertThat(results.get("email_nulls").message()).isEqualTo("null_values.email = 2, expected = 0");
        assertThat(results.get("email_nulls_percent").passed()).isTrue();
        assertThat(results.get("email_nulls_percent").measured()).hasValue(20.0);
        assertThat(results.get("email_nulls_percent").message())
                .isEqualTo("null_values_percent.email = 20 %, expected <= 25 %");
        assertThat(results.get("email_missing").passed()).isFalse();
        assertThat(results.get("email_missing").expectation()).isEqualTo("<= 30");
        assertThat(results.get("email_format").measured()).hasValue(2.0);
        assertThat(results.get("status_values").passed()).isFalse();
        assertThat(results.get("amount_range").passed()).isTrue();
        assertThat(results.get("id_unique").passed()).isFalse();
        assertThat(results.get("id_unique").severity()).isEqualTo(Severity.ERROR);
        assertThat(results.get("id_email_unique").measured()).hasValue(1.0);
        assertThat(results.get("amount_min").passed()).isFalse();
        assertThat(results.get("amount_max").passed()).isTrue();
        assertThat(run.passed()).isFalse();
        assertThat(run.failures()).extracting(CheckResult::checkId).containsExactly("email_nulls", "email_missing",
                "email_format", "status_values", "id_unique", "id_email_unique", "amount_min");
    }

    @Test
    void runPassesWhenOnlyWarningsFail() {
        CheckRun run = engine.run(ORDERS, List.of(
                new Check.MetricCheck("email_nulls", Metric.nullValues("email"), Comparison.mustBe(0),
                        MeasureUnit.ROWS, Severity.WARNING),
                new Check.MetricCheck("rows", Metric.rowCount(), Comparison.mustBe(10), MeasureUnit.ROWS,
                        Severity.ERROR)));

        assertThat(run.passed()).isTrue();
        assertThat(run.failures()).hasSize(1);
    }

    @Test
    void customSqlChecksAreOneQueryEachWithThePlaceholdersResolved() {
        CheckRun run = engine.run(ORDERS, List.of(
                new Check.MetricCheck("rows", Metric.rowCount(), Comparison.mustBeGreaterThan(0), MeasureUnit.ROWS,
                        Severity.ERROR),
                new Check.SqlCheck("big_amounts", "SELECT count(*) FROM {object} WHERE amount > 100",
                        Comparison.mustBe(0), Severity.ERROR),
                new Check.SqlCheck("paid_share", "SELECT avg(CASE WHEN status = 'paid' THEN 100.0 ELSE 0 END)"
                        + " FROM ${table}", Comparison.mustBeBetween(20, 40), Severity.WARNING),
                new Check.SqlCheck("nothing", "SELECT amount FROM shop.orders WHERE id = 42", Comparison.mustBe(0),
                        Severity.ERROR)));

        assertThat(counter.queries()).containsExactly(
                "SELECT count(*) AS \"row_count\" FROM shop.orders",
                "SELECT count(*) FROM shop.orders WHERE amount > 100",
                "SELECT avg(CASE WHEN status = 'paid' THEN 100.0 ELSE 0 END) FROM shop.orders",
                "SELECT amount FROM shop.orders WHERE id = 42");
        Map<String, CheckResult> results = byId(run);
        assertThat(results.get("big_amounts").measured()).hasValue(1.0);
        assertThat(results.get("big_amounts").passed()).isFalse();
        assertThat(results.get("big_amounts").metric()).isEqualTo("sql.big_amounts");
        assertThat(results.get("paid_share").measured()).hasValue(30.0);
        assertThat(results.get("paid_share").passed()).isTrue();
        assertThat(results.get("nothing").measured()).isEmpty();
        assertThat(results.get("nothing").passed()).isFalse();
        assertThat(results.get("nothing").message()).contains("the query returned no value");
        assertThat(run.metrics()).containsEntry("sql.big_amounts", 1.0).containsEntry("sql.paid_share", 30.0)
                .doesNotContainKey("sql.nothing");
        assertThat(run.queries()).isEqualTo(4);
    }

    @Test
    void freshnessReadsTheTimestampColumnInTheAggregateQuery() {
        CheckRun run = engine.run(ORDERS, List.of(
                new Check.FreshnessCheck("fresh_1h", Optional.of("updated_at"), Duration.ofHours(1), Severity.ERROR),
                new Check.FreshnessCheck("fresh_3h", Optional.of("UPDATED_AT"), Duration.ofHours(3),
                        Severity.ERROR)));

        assertThat(counter.queries()).containsExactly(
                "SELECT count(*) AS \"row_count\", max(\"updated_at\") AS \"latest.updated_at\" FROM shop.orders");
        Map<String, CheckResult> results = byId(run);
        // The newest row is 2026-11-22 10:00 UTC, two hours before the clock.
        assertThat(results.get("fresh_1h").measured()).hasValue(7200.0);
        assertThat(results.get("fresh_1h").passed()).isFalse();
        assertThat(results.get("fresh_1h").message())
                .isEqualTo("freshness_seconds.updated_at = 7200 s, expected <= 3600 s");
        assertThat(results.get("fresh_3h").passed()).isTrue();
        assertThat(run.metrics()).containsEntry("freshness_seconds.updated_at", 7200.0);
    }

    @Test
    void freshnessWithoutAColumnUsesTheLatestDataCommit() {
        Instant committed = lake.history(ORDERS).get(0).committedAt();
        Instant now = committed.plus(Duration.ofMinutes(30));
        QualityEngine later = new QualityEngine(lake, Clock.fixed(now, ZoneOffset.UTC));
        lake.delete(ORDERS, "id = 1", Map.of()); // a delete brings no new data: it does not refresh the table

        CheckRun run = later.run(ORDERS, List.of(
                new Check.FreshnessCheck("fresh", Optional.empty(), Duration.ofMinutes(20), Severity.ERROR)));

        assertThat(run.results().get(0).measured()).hasValue(1800.0);
        assertThat(run.results().get(0).passed()).isFalse();
        assertThat(run.metrics()).containsEntry("freshness_seconds", 1800.0);
        assertThat(counter.queries()).hasSize(1);
    }

    @Test
    void emptyTableHasZeroRowsAndNoFreshness() {
        TableId empty = TableId.parse("shop.empty");
        lake.createTable(empty, TableDefinition.of(TableSchema.of(Column.parse("id:long"),
                Column.parse("at:timestamp"))));

        CheckRun run = engine.run(empty, List.of(
                new Check.MetricCheck("rows", Metric.rowCount(), Comparison.mustBeGreaterThan(0), MeasureUnit.ROWS,
                        Severity.ERROR),
                new Check.MetricCheck("nulls", Metric.nullValues("id"), Comparison.mustBe(0), MeasureUnit.PERCENT,
                        Severity.ERROR),
                new Check.FreshnessCheck("fresh", Optional.of("at"), Duration.ofDays(1), Severity.WARNING),
                new Check.FreshnessCheck("committed", Optional.empty(), Duration.ofDays(1), Severity.WARNING)));

        Map<String, CheckResult> results = byId(run);
        assertThat(results.get("rows").measured()).hasValue(0.0);
        assertThat(results.get("rows").passed()).isFalse();
        assertThat(results.get("nulls").measured()).hasValue(0.0);
        assertThat(results.get("fresh").passed()).isFalse();
        assertThat(results.get("fresh").message()).contains("column at has no value");
        assertThat(results.get("committed").message()).contains("the table has no data commit");
        assertThat(run.snapshotId()).isEmpty();
    }

    @Test
    void unknownColumnsAreNamedWithTheTableColumns() {
        assertThatThrownBy(() -> engine.run(ORDERS, List.of(new Check.MetricCheck("x", Metric.nullValues("emial"),
                Comparison.mustBe(0), MeasureUnit.ROWS, Severity.ERROR))))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo(
                            "Check 'x' names column 'emial', which shop.orders does not have");
                    assertThat(e.hint()).isEqualTo(
                            "Use one of the table's columns: amount, email, id, status, updated_at");
                });
        assertThat(counter.queries()).isEmpty();
    }

    @Test
    void checkIdsMustBeUniqueAndMetricsConsistent() {
        Check first = new Check.MetricCheck("same", Metric.rowCount(), Comparison.mustBe(1), MeasureUnit.ROWS,
                Severity.ERROR);
        assertThatThrownBy(() -> engine.run(ORDERS, List.of(first, first)))
                .hasMessage("Two checks of shop.orders have the id 'same'");
        assertThatThrownBy(() -> engine.run(ORDERS, List.of(
                new Check.MetricCheck("a", Metric.invalidValues("status", List.of("new"), Optional.empty()),
                        Comparison.mustBe(0), MeasureUnit.ROWS, Severity.ERROR),
                new Check.MetricCheck("b", Metric.invalidValues("status", List.of("paid"), Optional.empty()),
                        Comparison.mustBe(0), MeasureUnit.ROWS, Severity.ERROR))))
                .hasMessage("Check 'b' defines metric invalid_values.status of shop.orders differently from another"
                        + " check");
    }

    @Test
    void customQueryErrorsNameTheCheck() {
        assertThatThrownBy(() -> engine.run(ORDERS, List.of(new Check.SqlCheck("broken",
                "SELECT count(*) FROM {object} WHERE nosuch > 1", Comparison.mustBe(0), Severity.ERROR))))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Custom SQL check 'broken' of shop.orders failed: ");
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SQL);
                });
        assertThatThrownBy(() -> engine.run(ORDERS, List.of(new Check.SqlCheck("text",
                "SELECT 'abc' FROM {object}", Comparison.mustBe(0), Severity.ERROR))))
                .hasMessageContaining("Custom SQL check 'text' of shop.orders returned 'abc' (VARCHAR), not a number");
    }

    @Test
    void percentIsRefusedForRowCountAndExtremes() {
        assertThatThrownBy(() -> new Check.MetricCheck("r", Metric.rowCount(), Comparison.mustBe(1),
                MeasureUnit.PERCENT, Severity.ERROR))
                .hasMessage("Check 'r': row_count cannot be measured in percent");
        assertThatThrownBy(() -> new Check.MetricCheck("m", Metric.maximum("amount"), Comparison.mustBe(1),
                MeasureUnit.PERCENT, Severity.ERROR))
                .hasMessage("Check 'm': maximum.amount cannot be measured in percent");
    }

    static Map<String, CheckResult> byId(CheckRun run) {
        return run.results().stream().collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
    }
}
