package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A request for temporary access to a table for a purpose, and its decision.
 *
 * @param id {@code req-<12 hex>}
 * @param principal who asks
 * @param table the table
 * @param purpose the purpose the access is for (lower case)
 * @param justification why
 * @param duration how long the grant lasts once approved
 * @param status pending, approved or denied
 * @param requestedAt when asked
 * @param decidedBy who decided
 * @param decidedAt when
 * @param note the decision's note
 * @param expiresAt when an approved grant ends
 */
public record AccessRequest(String id, String principal, TableId table, String purpose, String justification,
        Duration duration, Status status, Instant requestedAt, Optional<String> decidedBy,
        Optional<Instant> decidedAt, Optional<String> note, Optional<Instant> expiresAt) {
    /** States. */
    public enum Status {
        PENDING, APPROVED, DENIED
    }

    public AccessRequest {
        requireNonNull(id, "id is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(table, "table is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(justification, "justification is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(status, "status is null");
        requireNonNull(requestedAt, "requestedAt is null");
        requireNonNull(decidedBy, "decidedBy is null");
        requireNonNull(decidedAt, "decidedAt is null");
        requireNonNull(note, "note is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }

    /** Whether this is a grant in force at {@code now}. */
    public boolean activeAt(Instant now) {
        return status == Status.APPROVED && expiresAt.map(now::isBefore).orElse(false);
    }
}
