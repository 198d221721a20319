package dev.northstar.lake.store;

import static dev.northstar.spi.error.NorthstarException.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.northstar.spi.store.RunRecord;
import dev.northstar.spi.store.RunStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link RunStore} on the {@code ns_runs} table. Thread-safe. */
final class JdbcRunStore implements RunStore {
    private static final String COLUMNS = "id, kind, target, status, started_at, finished_at, rows_read,"
            + " rows_written, snapshot_id, source_fingerprint, error, details";

    private final MetadataDatabase database;

    JdbcRunStore(MetadataDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public void save(RunRecord run) {
        requireNonNull(run, "run is null");
        // One upsert statement, understood alike by SQLite (3.24+) and PostgreSQL (9.5+): no read-then-write race.
        database.call("save run " + run.id(), handle -> handle.createUpdate(
                        "INSERT INTO ns_runs (" + COLUMNS + ") VALUES (:id, :kind, :target, :status, :started_at,"
                                + " :finished_at, :rows_read, :rows_written, :snapshot_id, :source_fingerprint,"
                                + " :error, :details)"
                                + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, target = excluded.target,"
                                + " status = excluded.status, started_at = excluded.started_at,"
                                + " finished_at = excluded.finished_at, rows_read = excluded.rows_read,"
                                + " rows_written = excluded.rows_written, snapshot_id = excluded.snapshot_id,"
                                + " source_fingerprint = excluded.source_fingerprint, error = excluded.error,"
                                + " details = excluded.details")
                .bind("id", run.id())
                .bind("kind", run.kind())
                .bind("target", run.target())
                .bind("status", run.status())
                .bind("started_at", Timestamps.toMillis(run.startedAt()))
                .bind("finished_at", Timestamps.toMillis(run.finishedAt()))
                .bind("rows_read", run.rowsRead())
                .bind("rows_written", run.rowsWritten())
                .bind("snapshot_id", run.snapshotId().orElse(null))
                .bind("source_fingerprint", run.sourceFingerprint().orElse(null))
                .bind("error", run.error().orElse(null))
                .bind("details", JsonColumns.write(run.details()))
                .execute());
    }

    @Override
    public Optional<RunRecord> find(String id) {
        requireNonNull(id, "id is null");
        return database.call("find run " + id, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM ns_runs WHERE id = :id")
                .bind("id", id)
                .map(JdbcRunStore::run)
                .findOne());
    }

    @Override
    public List<RunRecord> forTarget(String target, int limit) {
        requireNonNull(target, "target is null");
        checkArgument(limit >= 1, "The number of runs to list must be at least 1, got %d", limit);
        return database.call("list the runs on " + target, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM ns_runs WHERE target = :target"
                                + " ORDER BY started_at DESC, id DESC LIMIT :limit")
                .bind("target", target)
                .bind("limit", limit)
                .map(JdbcRunStore::run)
                .list());
    }

    @Override
    public Optional<RunRecord> findSucceeded(String kind, String target, String sourceFingerprint) {
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        requireNonNull(sourceFingerprint, "sourceFingerprint is null");
        return database.call("find a successful " + kind + " run on " + target, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM ns_runs WHERE source_fingerprint = :fingerprint"
                                + " AND target = :target AND kind = :kind AND status = :status"
                                + " ORDER BY started_at DESC, id DESC LIMIT 1")
                .bind("fingerprint", sourceFingerprint)
                .bind("target", target)
                .bind("kind", kind)
                .bind("status", RunRecord.SUCCEEDED)
                .map(JdbcRunStore::run)
                .findOne());
    }

    private static RunRecord run(ResultSet row, StatementContext context) throws SQLException {
        return new RunRecord(
                row.getString("id"),
                row.getString("kind"),
                row.getString("target"),
                row.getString("status"),
                Timestamps.instant(row, "started_at"),
                Timestamps.optionalInstant(row, "finished_at"),
                row.getLong("rows_read"),
                row.getLong("rows_written"),
                Timestamps.optionalLong(row, "snapshot_id"),
                Optional.ofNullable(row.getString("source_fingerprint")),
                Optional.ofNullable(row.getString("error")),
                JsonColumns.readMap("ns_runs.details", row.getString("details")));
    }
}
