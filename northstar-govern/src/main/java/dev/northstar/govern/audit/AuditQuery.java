package dev.northstar.govern.audit;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.time.Instant;
import java.util.Optional;

/**
 * Which entries of the log to list, newest first. Filters combine.
 *
 * @param principal only entries of this principal
 * @param action only this action, e.g. {@code data.read}
 * @param table only entries on this table ({@code domain.table}) or one of its columns
 * @param from only entries at or after this instant
 * @param to only entries before this instant
 * @param before only entries with a smaller sequence number: the page cursor ({@link AuditPage#nextBefore()})
 * @param limit most entries to return, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(Optional<String> principal, Optional<String> action, Optional<String> table,
        Optional<Instant> from, Optional<Instant> to, Optional<Long> before, int limit) {
    /** Entries per page unless asked otherwise. */
    public static final int DEFAULT_LIMIT = 50;
    /** Most entries one page may hold. */
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(table, "table is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(before, "before is null");
        principal = principal.map(String::trim).filter(text -> !text.isEmpty());
        action = action.map(String::trim).filter(text -> !text.isEmpty());
        table = table.map(String::trim).filter(text -> !text.isEmpty());
        NorthstarException.checkArgument(limit >= 1 && limit <= MAX_LIMIT,
                "The page size must be between 1 and %s, got %s", MAX_LIMIT, limit);
        NorthstarException.checkArgument(before.map(sequence -> sequence > 0).orElse(true),
                "The 'before' cursor must be a positive sequence number, got %s", before.orElse(0L));
        if (from.isPresent() && to.isPresent()) {
            NorthstarException.checkArgument(from.get().isBefore(to.get()),
                    "The time range is empty: 'from' %s is not before 'to' %s", from.get(), to.get());
        }
    }

    /** The newest {@link #DEFAULT_LIMIT} entries. */
    public static AuditQuery latest() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }
}
