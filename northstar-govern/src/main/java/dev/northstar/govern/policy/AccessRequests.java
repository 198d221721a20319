package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Time-bound grants through access requests ({@code ns_access_requests}, migration V8): a principal asks for a
 * table for a purpose with a justification and a duration; a member of the table's contract team (or an
 * administrator) approves or denies; an approved request is a temporary allow that ends at its expiry, read by
 * {@link PolicyEngine}. Thread-safe.
 */
public final class AccessRequests {
    /** The longest grant. */
    public static final Duration MAXIMUM_DURATION = Duration.ofDays(90);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, principal, table_name, purpose, justification, duration_millis,"
            + " status, requested_at, decided_by, decided_at, decision_note, expires_at";

    private final MetadataDatabase database;
    private final Optional<ProductRegistry> registry;
    private final Clock clock;

    public AccessRequests(MetadataDatabase database, Optional<ProductRegistry> registry, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Files a request.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for a blank purpose or justification, or a duration that
     *     is not between one minute and {@link #MAXIMUM_DURATION}
     */
    public AccessRequest request(String principal, TableId table, String purpose, String justification,
            Duration duration) {
        requireNonNull(principal, "principal is null");
        requireNonNull(table, "table is null");
        if (purpose == null || purpose.isBlank()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "An access request needs a purpose",
                    "Say what the data is for, e.g. --purpose fraud-investigation");
        }
        if (justification == null || justification.isBlank()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "An access request needs a justification",
                    "Explain to the table's owner why you need it");
        }
        if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0
                || duration.compareTo(MAXIMUM_DURATION) > 0) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Invalid grant duration " + duration,
                    "Ask for between one minute and 90 days, e.g. PT8H or P7D");
        }
        String id = "req-" + HexFormat.of().formatHex(bytes());
        long now = clock.millis();
        database.call("file an access request for " + table, handle -> handle.createUpdate(
                        "INSERT INTO ns_access_requests (id, principal, table_name, purpose, justification,"
                                + " duration_millis, status, requested_at) VALUES (:id, :principal, :table, :purpose,"
                                + " :justification, :duration, 'PENDING', :now)")
                .bind("id", id).bind("principal", principal).bind("table", table.toString())
                .bind("purpose", purpose.trim().toLowerCase(Locale.ROOT)).bind("justification", justification)
                .bind("duration", duration.toMillis()).bind("now", now).execute());
        PolicyStore.changed();
        return get(id);
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Approves a pending request: a grant from now for its duration. */
    public AccessRequest approve(String id, Principal by, Optional<String> note) {
        return decide(id, by, note, AccessRequest.Status.APPROVED);
    }

    /** Denies a pending request. */
    public AccessRequest deny(String id, Principal by, Optional<String> note) {
        return decide(id, by, note, AccessRequest.Status.DENIED);
    }

    private AccessRequest decide(String id, Principal by, Optional<String> note, AccessRequest.Status status) {
        requireNonNull(by, "by is null");
        requireNonNull(note, "note is null");
        AccessRequest request = get(id);
        if (request.status() != AccessRequest.Status.PENDING) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Access request " + id + " is already "
                    + request.status().name().toLowerCase(Locale.ROOT) + " (by " + request.decidedBy().orElse("?")
                    + " at " + request.decidedAt().map(Instant::toString).orElse("?") + ")",
                    "File a new request to ask again");
        }
        if (request.principal().equals(by.name())) {
            throw new NorthstarException(ErrorCode.FORBIDDEN, by.name() + " cannot decide their own access request "
                    + id, "Ask an owner of " + request.table() + " (its contract team) to decide");
        }
        Set<String> owners = TableFacts.of(request.table(), registry, database).owners();
        if (!by.hasRole("admin") && !owners.contains(by.name())) {
            throw new NorthstarException(ErrorCode.FORBIDDEN, by.name() + " does not own " + request.table()
                    + " and cannot decide access request " + id, owners.isEmpty()
                    ? "The table's contract names no team; an administrator decides"
                    : "Its owners (the contract team) are: " + String.join(", ", owners));
        }
        long now = clock.millis();
        Long expires = status == AccessRequest.Status.APPROVED ? now + request.duration().toMillis() : null;
        int updated = database.call("decide access request " + id, handle -> handle.createUpdate(
                        "UPDATE ns_access_requests SET status = :status, decided_by = :by, decided_at = :now,"
                                + " decision_note = :note, expires_at = :expires WHERE id = :id AND status = 'PENDING'")
                .bind("status", status.name()).bind("by", by.name()).bind("now", now)
                .bind("note", note.orElse(null)).bind("expires", expires).bind("id", id).execute());
        PolicyStore.changed();
        if (updated == 0) {
            throw new NorthstarException(ErrorCode.COMMIT_CONFLICT, "Access request " + id
                    + " was decided by someone else meanwhile", "Look at it again with 'policy requests'");
        }
        return get(id);
    }

    /**
     * One request.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND}
     */
    public AccessRequest get(String id) {
        requireNonNull(id, "id is null");
        return database.call("find access request " + id, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM ns_access_requests WHERE id = :id")
                .bind("id", id).map((row, context) -> request(row)).findFirst())
                .orElseThrow(() -> new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No access request " + id,
                        "List them with 'northstar policy requests'"));
    }

    /** Requests, newest first, optionally of one status. */
    public List<AccessRequest> list(Optional<AccessRequest.Status> status) {
        requireNonNull(status, "status is null");
        return database.call("list access requests", handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM ns_access_requests"
                    + (status.isPresent() ? " WHERE status = :status" : "") + " ORDER BY requested_at DESC, id");
            status.ifPresent(value -> query.bind("status", value.name()));
            return query.map((row, context) -> request(row)).list();
        });
    }

    /** The grants of a principal on a table in force now (approved, not expired). */
    public List<AccessRequest> grants(String principal, TableId table) {
        long now = clock.millis();
        return database.call("read the grants of " + principal, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM ns_access_requests WHERE principal = :principal"
                                + " AND table_name = :table AND status = 'APPROVED' AND expires_at > :now"
                                + " ORDER BY expires_at DESC")
                .bind("principal", principal).bind("table", table.toString()).bind("now", now)
                .map((row, context) -> request(row)).list());
    }

    /** The current time of the clock grants expire by. */
    Instant now() {
        return clock.instant();
    }

    private static AccessRequest request(ResultSet row) throws SQLException {
        long decidedAt = row.getLong("decided_at");
        boolean decided = !row.wasNull();
        long expiresAt = row.getLong("expires_at");
        boolean expires = !row.wasNull();
        return new AccessRequest(row.getString("id"), row.getString("principal"),
                TableId.parse(row.getString("table_name")), row.getString("purpose"), row.getString("justification"),
                Duration.ofMillis(row.getLong("duration_millis")),
                AccessRequest.Status.valueOf(row.getString("status")),
                Instant.ofEpochMilli(row.getLong("requested_at")), Optional.ofNullable(row.getString("decided_by")),
                decided ? Optional.of(Instant.ofEpochMilli(decidedAt)) : Optional.empty(),
                Optional.ofNullable(row.getString("decision_note")),
                expires ? Optional.of(Instant.ofEpochMilli(expiresAt)) : Optional.empty());
    }
}
