package dev.northstar.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityMonitorTest {
    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private Lakehouse lake;
    private JdbcMetadataStore store;
    private QualityMonitor monitor;

    private static final List<Check> CHECKS = List.of(
            new Check.MetricCheck("rows", Metric.rowCount(), Comparison.mustBeGreaterThan(0), MeasureUnit.ROWS,
                    Severity.ERROR),
            new Check.MetricCheck("email_nulls", Metric.nullValues("email"), Comparison.mustBe(0), MeasureUnit.ROWS,
                    Severity.WARNING),
            new Check.MetricCheck("amount_range", Metric.outOfRange("amount", Optional.of(0.0), Optional.of(100.0)),
                    Comparison.mustBe(0), MeasureUnit.ROWS, Severity.INFO));

    @BeforeEach
    void open() {
        LakeConfig config = LakeConfig.embedded(home);
        lake = Lakehouse.open(config);
        store = JdbcMetadataStore.open(config);
        QualityEngineTest.createOrders(lake);
        monitor = new QualityMonitor(lake, store.database(), QualityConfig.defaults(), clock);
    }

    @AfterEach
    void close() {
        store.close();
        lake.close();
    }

    @Test
    void recordsRunsAndRaisesOneIncidentPerFailingCheck() {
        QualityReport first = monitor.run(QualityEngineTest.ORDERS, CHECKS);
        clock.advance(Duration.ofHours(1));
        QualityReport second = monitor.run(QualityEngineTest.ORDERS, CHECKS);

        // email_nulls (warning) raises an incident; amount_range is info: recorded, no incident.
        assertThat(first.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.checkId()).isEqualTo("email_nulls");
            assertThat(incident.title()).isEqualTo("Check 'email_nulls' failed on shop.orders");
            assertThat(incident.detail()).isEqualTo("null_values.email = 2, expected = 0");
        });
        assertThat(second.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.id()).isEqualTo(first.incidents().get(0).id());
            assertThat(incident.occurrences()).isEqualTo(2);
        });
        assertThat(monitor.history().history(QualityEngineTest.ORDERS, "row_count", Instant.EPOCH))
                .extracting(MetricPoint::value).containsExactly(10.0, 10.0);
        assertThat(monitor.latestRun(QualityEngineTest.ORDERS).orElseThrow().id()).isEqualTo(second.run().id());
        assertThat(first.anomalies()).isEmpty();
    }

    @Test
    void aCheckPassingAgainResolvesItsIncidentWithANoteNamingTheRun() {
        Incident raised = monitor.run(QualityEngineTest.ORDERS, CHECKS).incidents().get(0);
        monitor.incidents().acknowledge(raised.id(), "alice", Optional.of("looking"));
        clock.advance(Duration.ofHours(1));
        lake.delete(QualityEngineTest.ORDERS, "email IS NULL", java.util.Map.of());

        QualityReport fixed = monitor.run(QualityEngineTest.ORDERS, CHECKS);

        assertThat(fixed.incidents()).isEmpty();
        Instant passedAt = Instant.parse("2026-11-22T13:00:00Z");
        assertThat(fixed.resolved()).singleElement().satisfies(incident -> {
            assertThat(incident.id()).isEqualTo(raised.id());
            assertThat(incident.status()).isEqualTo(Incident.Status.RESOLVED);
            assertThat(incident.acknowledged()).isPresent();
            assertThat(incident.resolved()).contains(new Incident.Transition(IncidentStore.AUTOMATIC, passedAt,
                    Optional.of("Check 'email_nulls' passed in run " + fixed.run().id() + " at " + passedAt)));
        });
        assertThat(monitor.incidents().list(Optional.of(QualityEngineTest.ORDERS),
                Optional.of(Incident.Status.RESOLVED))).extracting(Incident::id).containsExactly(raised.id());

        // Passing again resolves nothing more; failing again opens a new incident.
        clock.advance(Duration.ofHours(1));
        assertThat(monitor.run(QualityEngineTest.ORDERS, CHECKS).resolved()).isEmpty();
        lake.write(QualityEngineTest.ORDERS, RowSource.sql("SELECT 500 AS id, NULL AS email, 'new' AS status,"
                + " 1.0 AS amount, TIMESTAMP '2026-11-22 11:00:00' AS updated_at"), WriteOptions.append());
        QualityReport broken = monitor.run(QualityEngineTest.ORDERS, CHECKS);
        assertThat(broken.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.id()).isNotEqualTo(raised.id());
            assertThat(incident.status()).isEqualTo(Incident.Status.OPEN);
        });
    }

    @Test
    void aJumpInRowCountAfterAStableHistoryRaisesAnAnomalyIncident() {
        for (int i = 0; i < AnomalyDetector.DEFAULT_MINIMUM_HISTORY; i++) {
            assertThat(monitor.run(QualityEngineTest.ORDERS, CHECKS).anomalies()).isEmpty();
            clock.advance(Duration.ofHours(1));
        }
        lake.write(QualityEngineTest.ORDERS, RowSource.sql("SELECT range + 100 AS id, 'x@y.z' AS email,"
                + " 'new' AS status, 1.0 AS amount, TIMESTAMP '2026-11-22 11:00:00' AS updated_at FROM range(990)"),
                WriteOptions.append());

        QualityReport report = monitor.run(QualityEngineTest.ORDERS, CHECKS);

        // Row count 10 → 1000 and email null share 20 % → 0.2 %: both jump away from a constant history.
        assertThat(report.anomalies()).extracting(Anomaly::metric)
                .containsExactlyInAnyOrder("row_count", "null_values_percent.email",
                        "out_of_range_percent.amount");
        assertThat(report.incidents()).extracting(Incident::checkId).contains("anomaly:row_count");
        Incident anomaly = monitor.incidents().list(Optional.of(QualityEngineTest.ORDERS),
                        Optional.of(Incident.Status.OPEN)).stream()
                .filter(incident -> incident.checkId().equals("anomaly:row_count")).findFirst().orElseThrow();
        assertThat(anomaly.kind()).isEqualTo(Incident.Kind.ANOMALY);
        assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
        assertThat(anomaly.detail()).isEqualTo("row_count = 1000 is anomalous: robust z-score +inf beyond ±3.5"
                + " (median 10 of the last 8 values)");
    }

    @Test
    void onlyRowCountAndPercentagesAreScoredForAnomalies() {
        assertThat(QualityMonitor.isAnomalyProne("row_count")).isTrue();
        assertThat(QualityMonitor.isAnomalyProne("null_values_percent.email")).isTrue();
        assertThat(QualityMonitor.isAnomalyProne("null_values.email")).isFalse();
        assertThat(QualityMonitor.isAnomalyProne("freshness_seconds")).isFalse();
        assertThat(QualityMonitor.isAnomalyProne("maximum.amount")).isFalse();
    }
}
