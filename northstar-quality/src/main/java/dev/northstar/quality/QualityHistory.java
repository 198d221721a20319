package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Every check run kept in the metadata database ({@code ns_quality_runs}, {@code ns_quality_results},
 * {@code ns_quality_metrics}, migration V4): results for the record, metrics as time series for charts and anomaly
 * detection. Thread-safe.
 */
public final class QualityHistory {
    private final MetadataDatabase database;

    /** On the database of {@code JdbcMetadataStore.database()}, migrated to V4. */
    public QualityHistory(MetadataDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** Stores a run, its results and its metrics in one transaction. */
    public void record(CheckRun run) {
        requireNonNull(run, "run is null");
        String table = run.table().toString();
        long at = run.at().toEpochMilli();
        database.call("record quality run " + run.id() + " of " + table, handle -> handle.inTransaction(tx -> {
            tx.createUpdate("INSERT INTO ns_quality_runs (id, table_name, run_at, snapshot_id, checks, failed, passed)"
                            + " VALUES (:id, :table, :at, :snapshot, :checks, :failed, :passed)")
                    .bind("id", run.id())
                    .bind("table", table)
                    .bind("at", at)
                    .bind("snapshot", run.snapshotId().orElse(null))
                    .bind("checks", (long) run.results().size())
                    .bind("failed", (long) run.failures().size())
                    .bind("passed", run.passed())
                    .execute();
            if (!run.results().isEmpty()) {
                PreparedBatch results = tx.prepareBatch("INSERT INTO ns_quality_results (run_id, position,"
                        + " check_id, table_name, run_at, metric, measured, unit, expectation, passed, severity,"
                        + " message) VALUES (:run, :position, :check, :table, :at, :metric, :measured, :unit,"
                        + " :expectation, :passed, :severity, :message)");
                long position = 0;
                for (CheckResult result : run.results()) {
                    results.bind("run", run.id())
                            .bind("position", position++)
                            .bind("check", result.checkId())
                            .bind("table", table)
                            .bind("at", at)
                            .bind("metric", result.metric())
                            .bind("measured", result.measured().isPresent() ? result.measured().getAsDouble() : null)
                            .bind("unit", result.unit().name())
                            .bind("expectation", result.expectation())
                            .bind("passed", result.passed())
                            .bind("severity", result.severity().name())
                            .bind("message", result.message())
                            .add();
                }
                results.execute();
            }
            if (!run.metrics().isEmpty()) {
                PreparedBatch metrics = tx.prepareBatch("INSERT INTO ns_quality_metrics (run_id, table_name, metric,"
                        + " measured_at, value) VALUES (:run, :table, :metric, :at, :value)");
                run.metrics().forEach((metric, value) -> metrics.bind("run", run.id())
                        .bind("table", table)
                        .bind("metric", metric)
                        .bind("at", at)
                        .bind("value", value)
                        .add());
                metrics.execute();
            }
            return null;
        }));
    }

    /** Values of one metric of a table measured at or after {@code since}, oldest first. */
    public List<MetricPoint> history(TableId table, String metric, Instant since) {
        requireNonNull(table, "table is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(since, "since is null");
        return database.call("read the history of " + metric + " of " + table, handle -> handle.createQuery(
                        "SELECT measured_at, value, run_id FROM ns_quality_metrics WHERE table_name = :table"
                                + " AND metric = :metric AND measured_at >= :since ORDER BY measured_at, run_id")
                .bind("table", table.toString())
                .bind("metric", metric)
                .bind("since", since.toEpochMilli())
                .map((row, context) -> new MetricPoint(Instant.ofEpochMilli(row.getLong("measured_at")),
                        row.getDouble("value"), row.getString("run_id")))
                .list());
    }

    /** Names of the metrics recorded for a table, sorted. */
    public List<String> metrics(TableId table) {
        requireNonNull(table, "table is null");
        return database.call("list the metrics of " + table, handle -> handle.createQuery(
                        "SELECT DISTINCT metric FROM ns_quality_metrics WHERE table_name = :table ORDER BY metric")
                .bind("table", table.toString())
                .mapTo(String.class)
                .list());
    }

    /**
     * The latest recorded run of a table with its results and metrics, if any. The number of queries is not kept:
     * it reads 0.
     */
    public Optional<CheckRun> latestRun(TableId table) {
        requireNonNull(table, "table is null");
        return database.call("read the latest quality run of " + table, handle -> {
            Optional<RunRow> run = handle.createQuery("SELECT id, run_at, snapshot_id FROM ns_quality_runs"
                            + " WHERE table_name = :table ORDER BY run_at DESC, id DESC LIMIT 1")
                    .bind("table", table.toString())
                    .map((row, context) -> new RunRow(row.getString("id"),
                            Instant.ofEpochMilli(row.getLong("run_at")), optionalLong(row, "snapshot_id")))
                    .findOne();
            if (run.isEmpty()) {
                return Optional.<CheckRun>empty();
            }
            List<CheckResult> results = handle.createQuery("SELECT check_id, metric, measured, unit, expectation,"
                            + " passed, severity, message FROM ns_quality_results WHERE run_id = :run"
                            + " ORDER BY position")
                    .bind("run", run.get().id())
                    .map((row, context) -> result(row))
                    .list();
            java.util.Map<String, Double> metrics = new java.util.TreeMap<>();
            handle.createQuery("SELECT metric, value FROM ns_quality_metrics WHERE run_id = :run")
                    .bind("run", run.get().id())
                    .map((row, context) -> java.util.Map.entry(row.getString("metric"), row.getDouble("value")))
                    .forEach(entry -> metrics.put(entry.getKey(), entry.getValue()));
            return Optional.of(new CheckRun(run.get().id(), table, run.get().at(), run.get().snapshotId(), results,
                    metrics, 0));
        });
    }

    private record RunRow(String id, Instant at, Optional<Long> snapshotId) {}

    private static CheckResult result(ResultSet row) throws SQLException {
        double measured = row.getDouble("measured");
        OptionalDouble value = row.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(measured);
        return new CheckResult(row.getString("check_id"), row.getString("metric"), value,
                enumValue(MeasureUnit.class, row.getString("unit")), row.getString("expectation"),
                row.getBoolean("passed"), enumValue(Severity.class, row.getString("severity")),
                row.getString("message"));
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(dev.northstar.spi.error.ErrorCode.INTERNAL,
                    "The metadata database holds " + type.getSimpleName() + " '" + name + "', which is unknown",
                    "The database was written by a newer Northstar or changed by hand", e);
        }
    }

    static Optional<Long> optionalLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
