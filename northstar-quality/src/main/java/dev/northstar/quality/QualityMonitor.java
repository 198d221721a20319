package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.schema.TableId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a table's checks and follows up: scores anomaly-prone metrics (row count and every percentage) against their
 * history, records the run, raises incidents for failed warning/error checks and for anomalies, and resolves the
 * unresolved incident of every check that passed again. Thread-safe.
 */
public final class QualityMonitor {
    /** Prefix of the check id of anomaly incidents: {@code anomaly:<metric>}. */
    public static final String ANOMALY_PREFIX = "anomaly:";

    private final QualityEngine engine;
    private final QualityHistory history;
    private final IncidentStore incidents;
    private final AnomalyDetector detector;

    public QualityMonitor(Lakehouse lake, MetadataDatabase database, QualityConfig config, Clock clock) {
        requireNonNull(lake, "lake is null");
        requireNonNull(database, "database is null");
        requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        this.engine = new QualityEngine(lake, clock);
        this.history = new QualityHistory(database);
        this.incidents = new IncidentStore(database, clock);
        this.detector = config.anomalies();
    }

    public QualityHistory history() {
        return history;
    }

    public IncidentStore incidents() {
        return incidents;
    }

    /** Runs, records and follows up the checks of a table. */
    public QualityReport run(TableId table, List<Check> checks) {
        CheckRun run = engine.run(table, checks);
        List<Anomaly> anomalies = new ArrayList<>();
        for (Map.Entry<String, Double> metric : run.metrics().entrySet()) {
            if (!isAnomalyProne(metric.getKey())) {
                continue;
            }
            List<Double> past = history.history(table, metric.getKey(), Instant.EPOCH).stream()
                    .map(MetricPoint::value)
                    .toList();
            detector.detect(metric.getKey(), past, metric.getValue()).ifPresent(anomalies::add);
        }
        history.record(run);
        List<Incident> raised = new ArrayList<>();
        for (CheckResult result : run.failures()) {
            if (result.severity() != Severity.INFO) {
                raised.add(incidents.raise(table, result.checkId(), Incident.Kind.CHECK_FAILED, result.severity(),
                        "Check '" + result.checkId() + "' failed on " + table, result.message()));
            }
        }
        for (Anomaly anomaly : anomalies) {
            raised.add(incidents.raise(table, ANOMALY_PREFIX + anomaly.metric(), Incident.Kind.ANOMALY,
                    Severity.WARNING, "Anomaly in " + anomaly.metric() + " of " + table, anomaly.describe()));
        }
        List<Incident> resolved = new ArrayList<>();
        for (CheckResult result : run.results()) {
            if (result.passed()) {
                incidents.resolvePassed(table, result.checkId(), run.id(), run.at()).ifPresent(resolved::add);
            }
        }
        return new QualityReport(run, anomalies, raised, resolved);
    }

    /** Row count and every percentage: metrics whose jumps mean something broke upstream. */
    static boolean isAnomalyProne(String metric) {
        return metric.equals("row_count") || metric.contains(QualityEngine.PERCENT_SUFFIX + ".")
                || metric.endsWith(QualityEngine.PERCENT_SUFFIX);
    }

    /** Latest run of a table, if any. */
    public Optional<CheckRun> latestRun(TableId table) {
        return history.latestRun(table);
    }
}
