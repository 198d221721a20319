package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Classification suggestions and scans in the metadata database ({@code ns_classification_suggestions} and
 * {@code ns_classification_scans}, migration V6). Thread-safe.
 *
 * <p>Re-scanning a table, per class of a column the scan finds: a new one is stored pending; a pending or accepted
 * one gets the new confidence and evidence (an accepted one stays accepted); a rejected one stays rejected with the
 * evidence the steward saw, unless its confidence rose to a higher {@link ConfidenceLevel} band (say, from a name
 * hint alone to values passing a checksum): that is material new evidence, so it is reopened as pending with a note
 * saying who had rejected it. Pending suggestions the scan no longer finds are deleted; reviewed ones are kept.
 */
final class SuggestionStore {
    private static final String COLUMNS = "id, table_name, column_name, class_id, confidence, evidence, status,"
            + " scanned_at, reviewer, reviewed_at, note";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MetadataDatabase database;

    SuggestionStore(MetadataDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** Stores what a scan found, by column, applying the re-scan rules above in one transaction. */
    ScanResult record(TableScan scan, Map<String, List<Detection>> detections) {
        requireNonNull(scan, "scan is null");
        requireNonNull(detections, "detections is null");
        TableId table = scan.table();
        long now = scan.scannedAt().toEpochMilli();
        return database.call("store the classification scan of " + table, handle -> handle.inTransaction(tx -> {
            Map<String, Suggestion> existing = new HashMap<>();
            for (Suggestion suggestion : list(tx, Optional.of(table), Optional.empty())) {
                existing.put(key(suggestion.column(), suggestion.dataClass()), suggestion);
            }
            int created = 0;
            int updated = 0;
            int reopened = 0;
            int keptRejected = 0;
            for (Map.Entry<String, List<Detection>> column : detections.entrySet()) {
                for (Detection detection : column.getValue()) {
                    Suggestion previous = existing.remove(key(column.getKey(), detection.dataClass()));
                    if (previous == null) {
                        insert(tx, table, column.getKey(), detection, now);
                        created++;
                    } else if (previous.status() != Suggestion.Status.REJECTED) {
                        tx.createUpdate("UPDATE ns_classification_suggestions SET confidence = :confidence,"
                                        + " evidence = :evidence, scanned_at = :now WHERE id = :id")
                                .bind("confidence", detection.confidence())
                                .bind("evidence", json(detection.evidence()))
                                .bind("now", now)
                                .bind("id", previous.id())
                                .execute();
                        updated++;
                    } else if (detection.level().compareTo(previous.level()) > 0) {
                        Suggestion.Review review = previous.review().orElseThrow();
                        tx.createUpdate("UPDATE ns_classification_suggestions SET confidence = :confidence,"
                                        + " evidence = :evidence, scanned_at = :now, status = :status,"
                                        + " reviewer = NULL, reviewed_at = NULL, note = :note WHERE id = :id")
                                .bind("confidence", detection.confidence())
                                .bind("evidence", json(detection.evidence()))
                                .bind("now", now)
                                .bind("status", Suggestion.Status.PENDING.name())
                                .bind("note", "Reopened by a scan: confidence rose from " + previous.level() + " to "
                                        + detection.level() + " since " + review.reviewer() + " rejected it at "
                                        + review.at())
                                .bind("id", previous.id())
                                .execute();
                        reopened++;
                    } else {
                        keptRejected++;
                    }
                }
            }
            int removed = 0;
            for (Suggestion stale : existing.values()) {
                if (stale.status() == Suggestion.Status.PENDING) {
                    removed += tx.createUpdate("DELETE FROM ns_classification_suggestions WHERE id = :id")
                            .bind("id", stale.id()).execute();
                }
            }
            tx.createUpdate("DELETE FROM ns_classification_scans WHERE table_name = :table")
                    .bind("table", table.toString()).execute();
            tx.createUpdate("INSERT INTO ns_classification_scans (table_name, scanned_at, sampled_rows, snapshot_id,"
                            + " scanned_by) VALUES (:table, :now, :rows, :snapshot, :by)")
                    .bind("table", table.toString())
                    .bind("now", now)
                    .bind("rows", scan.sampledRows())
                    .bind("snapshot", scan.snapshotId().orElse(null))
                    .bind("by", scan.scannedBy())
                    .execute();
            return new ScanResult(scan, list(tx, Optional.of(table), Optional.empty()), created, updated, reopened,
                    keptRejected, removed);
        }));
    }

    /** Suggestions, optionally of one table and in one status, by table, column, then confidence. */
    List<Suggestion> list(Optional<TableId> table, Optional<Suggestion.Status> status) {
        requireNonNull(table, "table is null");
        requireNonNull(status, "status is null");
        return database.call("list classification suggestions", handle -> list(handle, table, status));
    }

    /** The suggestion with this id. */
    Optional<Suggestion> find(String id) {
        requireNonNull(id, "id is null");
        return database.call("find classification suggestion " + id, handle -> find(handle, id));
    }

    /** The latest scan of a table. */
    Optional<TableScan> lastScan(TableId table) {
        requireNonNull(table, "table is null");
        return database.call("find the last classification scan of " + table, handle -> handle.createQuery(
                        "SELECT table_name, scanned_at, sampled_rows, snapshot_id, scanned_by"
                                + " FROM ns_classification_scans WHERE table_name = :table")
                .bind("table", table.toString())
                .map((row, context) -> new TableScan(TableId.parse(row.getString("table_name")),
                        Instant.ofEpochMilli(row.getLong("scanned_at")), row.getLong("sampled_rows"),
                        Optional.ofNullable((Long) row.getObject("snapshot_id", Long.class)),
                        row.getString("scanned_by")))
                .findOne());
    }

    /**
     * Accepts or rejects a suggestion. A reviewed suggestion can be reviewed again the other way (a steward changes
     * their mind); the same decision twice is refused.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown id, {@code INVALID_ARGUMENT} for a blank
     *     reviewer or when the suggestion already has this status (naming who decided and when)
     */
    Suggestion review(String id, Suggestion.Status decision, String reviewer, Optional<String> note, Instant at) {
        requireNonNull(id, "id is null");
        requireNonNull(decision, "decision is null");
        requireNonNull(reviewer, "reviewer is null");
        requireNonNull(note, "note is null");
        requireNonNull(at, "at is null");
        NorthstarException.checkArgument(decision != Suggestion.Status.PENDING, "A review accepts or rejects");
        NorthstarException.checkArgument(!reviewer.isBlank(), "Who reviews suggestion %s must be named", id);
        String verb = decision == Suggestion.Status.ACCEPTED ? "accept" : "reject";
        return database.call(verb + " classification suggestion " + id, handle -> handle.inTransaction(tx -> {
            Suggestion suggestion = find(tx, id).orElseThrow(() -> new NorthstarException(
                    ErrorCode.RESOURCE_NOT_FOUND, "No classification suggestion with id '" + id + "'",
                    "List the suggestions with 'northstar classify list'"));
            if (suggestion.status() == decision) {
                Suggestion.Review review = suggestion.review().orElseThrow();
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Suggestion " + id + " ("
                        + suggestion.dataClass().id() + " on " + suggestion.table() + "." + suggestion.column()
                        + ") was already " + decision.name().toLowerCase(Locale.ROOT) + " by "
                        + review.reviewer() + " at " + review.at(),
                        "Nothing to do; " + (decision == Suggestion.Status.ACCEPTED ? "reject" : "accept")
                                + " it to change the decision");
            }
            tx.createUpdate("UPDATE ns_classification_suggestions SET status = :status, reviewer = :reviewer,"
                            + " reviewed_at = :at, note = :note WHERE id = :id")
                    .bind("status", decision.name())
                    .bind("reviewer", reviewer)
                    .bind("at", at.toEpochMilli())
                    .bind("note", note.filter(text -> !text.isBlank()).orElse(null))
                    .bind("id", id)
                    .execute();
            return find(tx, id).orElseThrow();
        }));
    }

    private static void insert(Handle handle, TableId table, String column, Detection detection, long now) {
        handle.createUpdate("INSERT INTO ns_classification_suggestions (" + COLUMNS + ") VALUES (:id, :table,"
                        + " :column, :class, :confidence, :evidence, :status, :now, NULL, NULL, NULL)")
                .bind("id", newId())
                .bind("table", table.toString())
                .bind("column", column)
                .bind("class", detection.dataClass().id())
                .bind("confidence", detection.confidence())
                .bind("evidence", json(detection.evidence()))
                .bind("status", Suggestion.Status.PENDING.name())
                .bind("now", now)
                .execute();
    }

    private static List<Suggestion> list(Handle handle, Optional<TableId> table, Optional<Suggestion.Status> status) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ns_classification_suggestions WHERE 1 = 1");
        table.ifPresent(ignored -> sql.append(" AND table_name = :table"));
        status.ifPresent(ignored -> sql.append(" AND status = :status"));
        sql.append(" ORDER BY table_name, column_name, confidence DESC, class_id");
        var query = handle.createQuery(sql.toString());
        table.ifPresent(id -> query.bind("table", id.toString()));
        status.ifPresent(value -> query.bind("status", value.name()));
        return query.map((row, context) -> suggestion(row)).list();
    }

    private static Optional<Suggestion> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM ns_classification_suggestions WHERE id = :id")
                .bind("id", id)
                .map((row, context) -> suggestion(row))
                .findOne();
    }

    private static String key(String column, DataClass dataClass) {
        return column + "\u0000" + dataClass.id();
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "cls-" + HexFormat.of().formatHex(bytes);
    }

    private static String json(Evidence evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Failed to write classification evidence as JSON: "
                    + e.getOriginalMessage(), null, e);
        }
    }

    private static Suggestion suggestion(ResultSet row) throws SQLException {
        String id = row.getString("id");
        Evidence evidence;
        try {
            evidence = JSON.readValue(row.getString("evidence"), Evidence.class);
        } catch (JsonProcessingException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "The evidence of classification suggestion " + id
                    + " is not valid JSON: " + e.getOriginalMessage(),
                    "The database was changed by hand; re-scan the table", e);
        }
        String status = row.getString("status");
        Suggestion.Status parsed;
        try {
            parsed = Suggestion.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Classification suggestion " + id + " has status '"
                    + status + "', which is unknown", "The database was written by a newer Northstar", e);
        }
        String reviewer = row.getString("reviewer");
        Optional<Suggestion.Review> review = reviewer == null ? Optional.empty()
                : Optional.of(new Suggestion.Review(reviewer, Instant.ofEpochMilli(row.getLong("reviewed_at"))));
        return new Suggestion(id, TableId.parse(row.getString("table_name")), row.getString("column_name"),
                DataClass.byId(row.getString("class_id")), row.getDouble("confidence"), evidence, parsed,
                Instant.ofEpochMilli(row.getLong("scanned_at")), review, Optional.ofNullable(row.getString("note")));
    }
}
