package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.Optional;

/**
 * A quality incident: a failed check or a metric anomaly of a table, open until someone resolves it. Repeated
 * failures of the same check update the unresolved incident (occurrences, detail) rather than open another.
 *
 * @param id {@code inc-} and 12 hex digits
 * @param table the table
 * @param checkId the check, or {@code anomaly:<metric>} for anomalies
 * @param kind failed check or anomaly
 * @param severity the check's severity ({@link Severity#WARNING} for anomalies)
 * @param status open, acknowledged or resolved
 * @param title short description
 * @param detail what the latest occurrence measured
 * @param openedAt first occurrence
 * @param updatedAt latest occurrence or status change
 * @param occurrences how many runs raised it
 * @param acknowledged who acknowledged it, when, and their note
 * @param resolved who resolved it, when, and their note
 */
public record Incident(
        String id,
        TableId table,
        String checkId,
        Kind kind,
        Severity severity,
        Status status,
        String title,
        String detail,
        Instant openedAt,
        Instant updatedAt,
        long occurrences,
        Optional<Transition> acknowledged,
        Optional<Transition> resolved) {

    /** What raised the incident. */
    public enum Kind {
        CHECK_FAILED,
        ANOMALY
    }

    /** Life cycle: open → acknowledged → resolved (or open → resolved). */
    public enum Status {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED
    }

    /**
     * A status change.
     *
     * @param by who made it
     * @param at when
     * @param note why, or what was done; empty when none was given
     */
    public record Transition(String by, Instant at, Optional<String> note) {
        public Transition {
            requireNonNull(by, "by is null");
            requireNonNull(at, "at is null");
            requireNonNull(note, "note is null");
        }
    }

    public Incident {
        requireNonNull(id, "id is null");
        requireNonNull(table, "table is null");
        requireNonNull(checkId, "checkId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(status, "status is null");
        requireNonNull(title, "title is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(openedAt, "openedAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(acknowledged, "acknowledged is null");
        requireNonNull(resolved, "resolved is null");
    }
}
