package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Quality incidents in the metadata database ({@code ns_quality_incidents}, migration V4). A unique index allows one
 * unresolved incident per check of a table, so {@link #raise} updates it instead of opening a duplicate, even when
 * two processes raise at once. Thread-safe.
 */
public final class IncidentStore {
    private static final String COLUMNS = "id, table_name, check_id, kind, severity, status, title, detail,"
            + " opened_at, updated_at, occurrences, acknowledged_by, acknowledged_at, acknowledge_note, resolved_by,"
            + " resolved_at, resolution_note";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who resolves an incident whose check passed again: the platform itself, not a person. */
    public static final String AUTOMATIC = "northstar";

    private final MetadataDatabase database;
    private final Clock clock;

    public IncidentStore(MetadataDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** With the clock that stamps incidents (tests). */
    public IncidentStore(MetadataDatabase database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Opens an incident for a check of a table, or, when one is already open or acknowledged for it, records one
     * more occurrence on it (detail, severity and time updated; its status kept).
     *
     * @return the incident as stored
     */
    public Incident raise(TableId table, String checkId, Incident.Kind kind, Severity severity, String title,
            String detail) {
        requireNonNull(table, "table is null");
        requireNonNull(checkId, "checkId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(title, "title is null");
        requireNonNull(detail, "detail is null");
        long now = clock.millis();
        // One upsert on the partial unique index of unresolved incidents: two processes raising at once cannot both
        // insert, and neither fails (SQLite 3.24+ and PostgreSQL 9.5+ read the same statement).
        return database.call("raise an incident for " + checkId + " of " + table, handle -> handle.inTransaction(
                tx -> {
                    tx.createUpdate("INSERT INTO ns_quality_incidents (id, table_name, check_id, kind, severity,"
                                    + " status, title, detail, opened_at, updated_at, occurrences) VALUES (:id,"
                                    + " :table, :check, :kind, :severity, :status, :title, :detail, :now, :now, 1)"
                                    + " ON CONFLICT (table_name, check_id) WHERE status <> 'RESOLVED' DO UPDATE SET"
                                    + " occurrences = ns_quality_incidents.occurrences + 1,"
                                    + " detail = excluded.detail, severity = excluded.severity,"
                                    + " updated_at = excluded.updated_at")
                            .bind("id", newId())
                            .bind("table", table.toString())
                            .bind("check", checkId)
                            .bind("kind", kind.name())
                            .bind("severity", severity.name())
                            .bind("status", Incident.Status.OPEN.name())
                            .bind("title", title)
                            .bind("detail", detail)
                            .bind("now", now)
                            .execute();
                    return active(tx, table, checkId).orElseThrow();
                }));
    }

    /** The incident with this id. */
    public Optional<Incident> find(String id) {
        requireNonNull(id, "id is null");
        return database.call("find incident " + id, handle -> find(handle, id));
    }

    /**
     * Incidents, most recently updated first, optionally of one table and in one status.
     */
    public List<Incident> list(Optional<TableId> table, Optional<Incident.Status> status) {
        requireNonNull(table, "table is null");
        requireNonNull(status, "status is null");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ns_quality_incidents WHERE 1 = 1");
        table.ifPresent(ignored -> sql.append(" AND table_name = :table"));
        status.ifPresent(ignored -> sql.append(" AND status = :status"));
        sql.append(" ORDER BY updated_at DESC, id");
        return database.call("list incidents", handle -> {
            var query = handle.createQuery(sql.toString());
            table.ifPresent(id -> query.bind("table", id.toString()));
            status.ifPresent(value -> query.bind("status", value.name()));
            return query.map((row, context) -> incident(row)).list();
        });
    }

    /**
     * Acknowledges an open incident: someone is on it.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown id, {@code INVALID_ARGUMENT} when the
     *     incident is not open (the message says who acknowledged or resolved it and when)
     */
    public Incident acknowledge(String id, String by, Optional<String> note) {
        return transition(id, by, note, Incident.Status.ACKNOWLEDGED);
    }

    /**
     * Resolves an open or acknowledged incident. The next failure of its check opens a new incident.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown id, {@code INVALID_ARGUMENT} when the
     *     incident is already resolved
     */
    public Incident resolve(String id, String by, Optional<String> note) {
        return transition(id, by, note, Incident.Status.RESOLVED);
    }

    /**
     * Resolves the unresolved (open or acknowledged) failed-check incident of a check that passed again, noting the
     * run and time it passed. Resolved by {@link #AUTOMATIC}; the next failure opens a new incident. Anomaly
     * incidents are left to people: one calm value does not show the cause is gone.
     *
     * @param table the table checked
     * @param checkId the check that passed
     * @param runId the check run in which it passed
     * @param passedAt when that run measured
     * @return the incident resolved, empty when none was unresolved (or another process resolved it first)
     */
    public Optional<Incident> resolvePassed(TableId table, String checkId, String runId, Instant passedAt) {
        requireNonNull(table, "table is null");
        requireNonNull(checkId, "checkId is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(passedAt, "passedAt is null");
        long now = clock.millis();
        String note = "Check '" + checkId + "' passed in run " + runId + " at " + passedAt;
        return database.call("resolve the incident of passing check " + checkId + " of " + table,
                handle -> handle.inTransaction(tx -> {
                    Optional<Incident> active = active(tx, table, checkId)
                            .filter(incident -> incident.kind() == Incident.Kind.CHECK_FAILED);
                    if (active.isEmpty()) {
                        return Optional.<Incident>empty();
                    }
                    // Guarded by status: a concurrent resolution (person or process) wins and this one does nothing.
                    int updated = tx.createUpdate("UPDATE ns_quality_incidents SET status = :status,"
                                    + " updated_at = :now, resolved_by = :by, resolved_at = :now,"
                                    + " resolution_note = :note WHERE id = :id AND status <> 'RESOLVED'")
                            .bind("status", Incident.Status.RESOLVED.name())
                            .bind("now", now)
                            .bind("by", AUTOMATIC)
                            .bind("note", note)
                            .bind("id", active.get().id())
                            .execute();
                    return updated == 0 ? Optional.<Incident>empty() : find(tx, active.get().id());
                }));
    }

    private Incident transition(String id, String by, Optional<String> note, Incident.Status target) {
        requireNonNull(id, "id is null");
        requireNonNull(by, "by is null");
        requireNonNull(note, "note is null");
        NorthstarException.checkArgument(!by.isBlank(), "Who changes incident %s must be named", id);
        long now = clock.millis();
        String verb = target == Incident.Status.ACKNOWLEDGED ? "acknowledge" : "resolve";
        return database.call(verb + " incident " + id, handle -> handle.inTransaction(tx -> {
            Incident incident = find(tx, id).orElseThrow(() -> new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND,
                    "No incident with id '" + id + "'", "List the incidents with 'northstar quality incidents'"));
            if (incident.status() == Incident.Status.RESOLVED) {
                Incident.Transition resolved = incident.resolved().orElseThrow();
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Incident " + id + " was already resolved by "
                        + resolved.by() + " at " + resolved.at(),
                        "A new failure of check '" + incident.checkId() + "' opens a new incident");
            }
            if (target == Incident.Status.ACKNOWLEDGED && incident.status() == Incident.Status.ACKNOWLEDGED) {
                Incident.Transition acknowledged = incident.acknowledged().orElseThrow();
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Incident " + id
                        + " was already acknowledged by " + acknowledged.by() + " at " + acknowledged.at(),
                        "Resolve it with 'northstar quality resolve " + id + " --note ...' when it is fixed");
            }
            tx.createUpdate("UPDATE ns_quality_incidents SET status = :status, updated_at = :now, "
                            + (target == Incident.Status.ACKNOWLEDGED
                                    ? "acknowledged_by = :by, acknowledged_at = :now, acknowledge_note = :note"
                                    : "resolved_by = :by, resolved_at = :now, resolution_note = :note")
                            + " WHERE id = :id")
                    .bind("status", target.name())
                    .bind("now", now)
                    .bind("by", by)
                    .bind("note", note.orElse(null))
                    .bind("id", id)
                    .execute();
            return find(tx, id).orElseThrow();
        }));
    }

    private static Optional<Incident> active(Handle handle, TableId table, String checkId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM ns_quality_incidents WHERE table_name = :table"
                        + " AND check_id = :check AND status <> 'RESOLVED'")
                .bind("table", table.toString())
                .bind("check", checkId)
                .map((row, context) -> incident(row))
                .findOne();
    }

    private static Optional<Incident> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM ns_quality_incidents WHERE id = :id")
                .bind("id", id)
                .map((row, context) -> incident(row))
                .findOne();
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "inc-" + HexFormat.of().formatHex(bytes);
    }

    private static Incident incident(ResultSet row) throws SQLException {
        return new Incident(
                row.getString("id"),
                TableId.parse(row.getString("table_name")),
                row.getString("check_id"),
                QualityHistory.enumValue(Incident.Kind.class, row.getString("kind")),
                QualityHistory.enumValue(Severity.class, row.getString("severity")),
                QualityHistory.enumValue(Incident.Status.class, row.getString("status")),
                row.getString("title"),
                row.getString("detail"),
                Instant.ofEpochMilli(row.getLong("opened_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")),
                row.getLong("occurrences"),
                transition(row, "acknowledged_by", "acknowledged_at", "acknowledge_note"),
                transition(row, "resolved_by", "resolved_at", "resolution_note"));
    }

    private static Optional<Incident.Transition> transition(ResultSet row, String byColumn, String atColumn,
            String noteColumn) throws SQLException {
        String by = row.getString(byColumn);
        if (by == null) {
            return Optional.empty();
        }
        return Optional.of(new Incident.Transition(by, Instant.ofEpochMilli(row.getLong(atColumn)),
                Optional.ofNullable(row.getString(noteColumn))));
    }
}
