package dev.northstar.govern.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The tamper-evident audit log ({@code ns_audit_log}, migration V7): an append-only hash chain in the metadata
 * database. Each entry's hash is the SHA-256 of the canonical JSON (sorted keys) of its fields and the previous
 * entry's hash, so {@link #verify} finds the first entry that was edited, removed or moved. Thread-safe; several
 * processes may append to the same database: the primary key on the sequence number lets only one writer take each
 * position, the others retry on the new head.
 */
public final class AuditLog {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** Attempts of an append that keeps losing the race for the next sequence number. */
    static final int MAX_APPEND_ATTEMPTS = 100;
    private static final int VERIFY_BATCH = 1000;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};
    private static final String COLUMNS = "sequence, recorded_at, principal, action, resources, purpose, decision,"
            + " row_count, details, previous_hash, hash";

    private final MetadataDatabase database;
    private final Clock clock;

    public AuditLog(MetadataDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** With the clock that stamps entries (tests). */
    public AuditLog(MetadataDatabase database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Appends an entry at the head of the chain: one read of the head and one insert, in one transaction (see
     * {@link #appendAll}).
     *
     * @throws NorthstarException {@code UNAVAILABLE} when the database cannot be reached or the head stays contended
     */
    public AuditEntry append(AuditEvent event) {
        requireNonNull(event, "event is null");
        return appendAll(List.of(event)).get(0);
    }

    /**
     * Appends events in order at the head of the chain in one transaction (one read of the head, then one insert
     * each): for producers that audit many operations at once. When another writer took the head first, the
     * transaction is rolled back and retried on the new head, with a short random back-off.
     *
     * @throws NorthstarException {@code UNAVAILABLE} when the database cannot be reached or the head stays contended
     */
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        requireNonNull(events, "events is null");
        if (events.isEmpty()) {
            return List.of();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return database.call("append to the audit log", handle -> handle.inTransaction(
                        transaction -> appendAllAtHead(transaction, events)));
            } catch (NorthstarException e) {
                if (!isSequenceTaken(e)) {
                    throw e;
                }
                if (attempt >= MAX_APPEND_ATTEMPTS) {
                    throw new NorthstarException(ErrorCode.UNAVAILABLE, "Could not append to the audit log: "
                            + MAX_APPEND_ATTEMPTS + " attempts lost the race for the next sequence number",
                            "Too many writers append at once; retry", e);
                }
                // Another writer took the position: back off a little so the winners drain, then read the new head.
                pause(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
            }
        }
    }

    private List<AuditEntry> appendAllAtHead(Handle handle, List<AuditEvent> events) {
        Optional<Map.Entry<Long, String>> head = handle.createQuery(
                        "SELECT sequence, hash FROM ns_audit_log ORDER BY sequence DESC LIMIT 1")
                .map((row, context) -> Map.entry(row.getLong("sequence"), row.getString("hash")))
                .findOne();
        long sequence = head.map(Map.Entry::getKey).orElse(0L);
        String previousHash = head.map(Map.Entry::getValue).orElse(GENESIS);
        Instant time = Instant.ofEpochMilli(clock.millis());
        List<AuditEntry> entries = new java.util.ArrayList<>(events.size());
        for (AuditEvent event : events) {
            requireNonNull(event, "an event is null");
            sequence++;
            String hash = hash(sequence, time, event, previousHash);
            handle.createUpdate("INSERT INTO ns_audit_log (" + COLUMNS + ") VALUES (:sequence, :time, :principal,"
                            + " :action, :resources, :purpose, :decision, :rows, :details, :previous, :hash)")
                    .bind("sequence", sequence)
                    .bind("time", time.toEpochMilli())
                    .bind("principal", event.principal())
                    .bind("action", event.action())
                    .bind("resources", json(event.resources()))
                    .bind("purpose", event.purpose().orElse(null))
                    .bind("decision", event.decision().label())
                    .bind("rows", event.rowCount().orElse(null))
                    .bind("details", json(event.details()))
                    .bind("previous", previousHash)
                    .bind("hash", hash)
                    .execute();
            entries.add(new AuditEntry(sequence, time, event, previousHash, hash));
            previousHash = hash;
        }
        return List.copyOf(entries);
    }

    /** Whether a failed append lost the race: the sequence number it chose was taken by another writer. */
    private static boolean isSequenceTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                // 23505: PostgreSQL unique violation. SQLite: the primary-key or unique constraint only (extended
                // codes 1555 and 2067, named in the driver's message) — a trigger or check refusing the row
                // (also SQLITE_CONSTRAINT) is a real failure, not a race.
                String message = String.valueOf(sql.getMessage());
                if ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1555 || sql.getErrorCode() == 2067
                        || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY")
                        || message.contains("SQLITE_CONSTRAINT_UNIQUE")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NorthstarException(ErrorCode.UNAVAILABLE, "Interrupted while appending to the audit log");
        }
    }

    /** A page of entries, newest first. */
    public AuditPage list(AuditQuery request) {
        requireNonNull(request, "request is null");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ns_audit_log WHERE 1 = 1");
        Map<String, Object> bindings = new LinkedHashMap<>();
        request.principal().ifPresent(principal -> {
            sql.append(" AND principal = :principal");
            bindings.put("principal", principal);
        });
        request.action().ifPresent(action -> {
            sql.append(" AND action = :action");
            bindings.put("action", action.toLowerCase(Locale.ROOT));
        });
        request.table().ifPresent(table -> {
            // Resources are a JSON array of strings: the table itself, or one of its columns (table.column).
            String escaped = likeEscape(table.toLowerCase(Locale.ROOT));
            sql.append(" AND (lower(resources) LIKE :exact ESCAPE '!' OR lower(resources) LIKE :column ESCAPE '!')");
            bindings.put("exact", "%\"" + escaped + "\"%");
            bindings.put("column", "%\"" + escaped + ".%");
        });
        request.from().ifPresent(from -> {
            sql.append(" AND recorded_at >= :from");
            bindings.put("from", from.toEpochMilli());
        });
        request.to().ifPresent(to -> {
            sql.append(" AND recorded_at < :to");
            bindings.put("to", to.toEpochMilli());
        });
        request.before().ifPresent(before -> {
            sql.append(" AND sequence < :before");
            bindings.put("before", before);
        });
        sql.append(" ORDER BY sequence DESC LIMIT :limit");
        bindings.put("limit", request.limit() + 1);
        List<AuditEntry> entries = database.call("list the audit log", handle -> {
            Query query = handle.createQuery(sql.toString());
            bindings.forEach(query::bind);
            return query.map((row, context) -> entry(row)).list();
        });
        if (entries.size() > request.limit()) {
            List<AuditEntry> page = entries.subList(0, request.limit());
            return new AuditPage(page, Optional.of(page.get(page.size() - 1).sequence()));
        }
        return new AuditPage(entries, Optional.empty());
    }

    private static String likeEscape(String text) {
        // '!' escapes: a backslash in a quoted literal confuses the statement parser of Jdbi.
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The current head of the chain, empty for an empty log. */
    public Optional<AuditVerification.Anchor> head() {
        return database.call("read the head of the audit log", handle -> handle.createQuery(
                        "SELECT sequence, hash FROM ns_audit_log ORDER BY sequence DESC LIMIT 1")
                .map((row, context) -> new AuditVerification.Anchor(row.getLong("sequence"), row.getString("hash")))
                .findOne());
    }

    /** Walks the whole chain from the first entry and reports the first broken link. */
    public AuditVerification verify() {
        return verify(Optional.empty());
    }

    /**
     * Walks the whole chain from the first entry and reports the first broken link; with an anchor (a head printed
     * earlier, as {@code sequence:hash}), also that the chain still holds that entry unchanged,
     * which detects a truncated tail that the links alone cannot.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for an anchor that is not {@code sequence:hash} or a hash
     */
    public AuditVerification verify(Optional<String> anchor) {
        requireNonNull(anchor, "anchor is null");
        Walk walk = new Walk(anchor.map(AuditLog::parseAnchor));
        return walk(walk, 0);
    }

    /**
     * Verifies only what was appended since an intact verification whose head was {@code checkpoint}: that entry must
     * still be there, hash to its stored hash and equal the checkpoint (so the chain up to it was neither rewritten
     * nor truncated), and every later entry must link to the one before, as {@link #verify()} checks. Entries before
     * the checkpoint are not read again: an edit of one of them that left every hash in place is found by the next
     * full walk only.
     *
     * @param checkpoint the head of an earlier intact verification
     * @param entriesBefore how many entries that verification walked; the result counts them too
     */
    public AuditVerification verifyAfter(AuditVerification.Anchor checkpoint, long entriesBefore) {
        requireNonNull(checkpoint, "checkpoint is null");
        Optional<StoredRow> stored = database.call("verify the audit log", handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM ns_audit_log WHERE sequence = :sequence")
                .bind("sequence", checkpoint.sequence())
                .map((row, context) -> stored(row))
                .findOne());
        Optional<String> problem = stored.isEmpty()
                ? Optional.of("entry " + checkpoint.sequence() + ", the head at the last verification, is gone: the"
                        + " log was truncated")
                : !stored.get().hash.equals(checkpoint.hash())
                        || !stored.get().computedHash().map(stored.get().hash::equals).orElse(false)
                        ? Optional.of("entry " + checkpoint.sequence() + " no longer hashes to "
                                + abbreviate(checkpoint.hash()) + " as at the last verification: the log was rewritten"
                                + " up to it")
                        : Optional.empty();
        if (problem.isPresent()) {
            return new AuditVerification(entriesBefore, Optional.of(checkpoint), Optional.of(new AuditVerification.Break(
                    checkpoint.sequence(), AuditVerification.Problem.ANCHOR_MISMATCH, problem.get())));
        }
        Walk walk = new Walk(Optional.empty());
        walk.entries = entriesBefore;
        walk.expectedSequence = checkpoint.sequence() + 1;
        walk.previousHash = checkpoint.hash();
        walk.head = Optional.of(checkpoint);
        return walk(walk, checkpoint.sequence());
    }

    /** Walks the rows after sequence {@code after} in batches until the end or the first break. */
    private AuditVerification walk(Walk walk, long after) {
        long next = after;
        while (walk.firstBreak.isEmpty()) {
            long from = next;
            List<StoredRow> rows = database.call("verify the audit log", handle -> handle.createQuery(
                            "SELECT " + COLUMNS + " FROM ns_audit_log WHERE sequence > :after ORDER BY sequence"
                                    + " LIMIT " + VERIFY_BATCH)
                    .bind("after", from)
                    .map((row, context) -> stored(row))
                    .list());
            for (StoredRow row : rows) {
                walk.visit(row);
                if (walk.firstBreak.isPresent()) {
                    break;
                }
            }
            if (rows.size() < VERIFY_BATCH) {
                break;
            }
            next = rows.get(rows.size() - 1).sequence;
        }
        return walk.finish();
    }

    /** The state of a walk along the chain. */
    private static final class Walk {
        private final Optional<AuditVerification.Anchor> anchor;
        private long entries;
        private long expectedSequence = 1;
        private String previousHash = GENESIS;
        private Optional<AuditVerification.Anchor> head = Optional.empty();
        private boolean anchorSeen;
        private Optional<AuditVerification.Break> firstBreak = Optional.empty();

        Walk(Optional<AuditVerification.Anchor> anchor) {
            this.anchor = anchor;
        }

        void visit(StoredRow row) {
            entries++;
            if (row.sequence != expectedSequence) {
                String missing = row.sequence == expectedSequence + 1 ? "entry " + expectedSequence
                        : "entries " + expectedSequence + " to " + (row.sequence - 1);
                fail(row.sequence, AuditVerification.Problem.MISSING, row.sequence > expectedSequence
                        ? missing + " missing before entry " + row.sequence + ": removed from the log"
                        : "entry " + row.sequence + " is out of order after entry " + (expectedSequence - 1));
                return;
            }
            Optional<String> computed = row.computedHash();
            if (computed.isEmpty() || !computed.get().equals(row.hash)) {
                fail(row.sequence, AuditVerification.Problem.EDITED, "entry " + row.sequence + " was altered: "
                        + computed.map(hash -> "its content hashes to " + abbreviate(hash) + " but its stored hash is "
                                + abbreviate(row.hash) + " (edited, or moved here from another position)")
                                .orElse("its stored resources or details are not valid JSON"));
                return;
            }
            if (!row.previousHash.equals(previousHash)) {
                fail(row.sequence, AuditVerification.Problem.BROKEN_LINK, "entry " + row.sequence
                        + " links to previous hash " + abbreviate(row.previousHash) + " but entry "
                        + (row.sequence - 1) + " hashes to " + abbreviate(previousHash)
                        + ": the entry before it was replaced, removed or moved");
                return;
            }
            if (anchor.isPresent() && anchor.get().sequence() == row.sequence) {
                if (!anchor.get().hash().equals(row.hash)) {
                    fail(row.sequence, AuditVerification.Problem.ANCHOR_MISMATCH, "entry " + row.sequence
                            + " hashes to " + abbreviate(row.hash) + " but the anchor says "
                            + abbreviate(anchor.get().hash()) + ": the log was rewritten from this entry on");
                    return;
                }
                anchorSeen = true;
            }
            previousHash = row.hash;
            expectedSequence = row.sequence + 1;
            head = Optional.of(new AuditVerification.Anchor(row.sequence, row.hash));
        }

        private void fail(long sequence, AuditVerification.Problem problem, String message) {
            firstBreak = Optional.of(new AuditVerification.Break(sequence, problem, message));
        }

        AuditVerification finish() {
            if (firstBreak.isEmpty() && anchor.isPresent() && !anchorSeen) {
                AuditVerification.Anchor expected = anchor.get();
                long last = head.map(AuditVerification.Anchor::sequence).orElse(0L);
                fail(expected.sequence(), AuditVerification.Problem.ANCHOR_MISMATCH, "the anchor names entry "
                        + expected.sequence() + " but the log ends at entry " + last
                        + ": entries after " + last + " were removed (the tail was truncated)");
            }
            return new AuditVerification(entries, head, firstBreak);
        }
    }

    /** Parses an anchor written {@code sequence:hash}. */
    static AuditVerification.Anchor parseAnchor(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        int colon = trimmed.indexOf(':');
        String hash = colon < 0 ? trimmed : trimmed.substring(colon + 1);
        long sequence;
        try {
            sequence = colon < 0 ? -1 : Long.parseLong(trimmed.substring(0, colon));
        } catch (NumberFormatException e) {
            sequence = 0;
        }
        if (colon < 0 || sequence < 1 || !HASH.matcher(hash).matches()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The anchor '" + text + "' is not valid",
                    "Give the head printed by 'northstar audit verify': SEQUENCE:HASH, e.g. 42:" + "3f".repeat(32));
        }
        return new AuditVerification.Anchor(sequence, hash);
    }

    private static String abbreviate(String hash) {
        return hash.length() > 16 ? hash.substring(0, 16) + "…" : hash;
    }

    /** The hash of an entry: SHA-256 (hex) of the canonical JSON of its fields and the previous hash. */
    static String hash(long sequence, Instant time, AuditEvent event, String previousHash) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("sequence", sequence);
        fields.put("time", time.toEpochMilli());
        fields.put("principal", event.principal());
        fields.put("action", event.action());
        fields.put("resources", event.resources());
        fields.put("purpose", event.purpose().orElse(null));
        fields.put("decision", event.decision().label());
        fields.put("row_count", event.rowCount().orElse(null));
        fields.put("details", new TreeMap<>(event.details()));
        fields.put("previous_hash", previousHash);
        return AuditEvent.sha256(json(fields));
    }

    private static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise an audit entry", e);
        }
    }

    /** A row as stored, before its content is trusted. */
    private record StoredRow(long sequence, long time, String principal, String action, String resources,
            String purpose, String decision, Long rowCount, String details, String previousHash, String hash) {
        /** The hash its content should have; empty when the stored JSON does not even parse. */
        Optional<String> computedHash() {
            try {
                AuditEvent event = new AuditEvent(principal, action, CANONICAL.readValue(resources, STRINGS),
                        Optional.ofNullable(purpose), AuditEvent.Decision.parse(decision),
                        Optional.ofNullable(rowCount), CANONICAL.readValue(details, DETAILS));
                // The stored purpose must be exactly what was hashed: a blank written over it counts as an edit.
                if (purpose != null && event.purpose().isEmpty()) {
                    return Optional.of("");
                }
                return Optional.of(AuditLog.hash(sequence, Instant.ofEpochMilli(time), event, previousHash));
            } catch (JsonProcessingException | NorthstarException | NullPointerException e) {
                return Optional.empty();
            }
        }
    }

    private static StoredRow stored(ResultSet row) throws SQLException {
        long rows = row.getLong("row_count");
        Long rowCount = row.wasNull() ? null : rows;
        return new StoredRow(row.getLong("sequence"), row.getLong("recorded_at"), row.getString("principal"),
                row.getString("action"), row.getString("resources"), row.getString("purpose"),
                row.getString("decision"), rowCount, row.getString("details"), row.getString("previous_hash"),
                row.getString("hash"));
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        long rows = row.getLong("row_count");
        Optional<Long> rowCount = row.wasNull() ? Optional.empty() : Optional.of(rows);
        try {
            AuditEvent event = new AuditEvent(row.getString("principal"), row.getString("action"),
                    CANONICAL.readValue(row.getString("resources"), STRINGS),
                    Optional.ofNullable(row.getString("purpose")), AuditEvent.Decision.parse(row.getString("decision")),
                    rowCount, CANONICAL.readValue(row.getString("details"), DETAILS));
            return new AuditEntry(row.getLong("sequence"), Instant.ofEpochMilli(row.getLong("recorded_at")), event,
                    row.getString("previous_hash"), row.getString("hash"));
        } catch (JsonProcessingException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Audit entry " + row.getLong("sequence")
                    + " holds invalid JSON: " + e.getOriginalMessage(), "Run 'northstar audit verify'", e);
        }
    }
}
