package dev.northstar.govern.audit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A page of the log, newest first.
 *
 * @param entries the entries
 * @param nextBefore the cursor of the next (older) page, empty on the last page
 */
public record AuditPage(List<AuditEntry> entries, Optional<Long> nextBefore) {
    public AuditPage {
        entries = List.copyOf(entries);
        requireNonNull(nextBefore, "nextBefore is null");
    }
}
