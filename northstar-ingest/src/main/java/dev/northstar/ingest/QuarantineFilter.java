package dev.northstar.ingest;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which rows of a quarantine table to read.
 *
 * @param runId only the rows of this run, when present
 * @param statuses only rows in one of these statuses (never empty)
 */
public record QuarantineFilter(Optional<String> runId, Set<QuarantineStatus> statuses) {
    public QuarantineFilter {
        requireNonNull(runId, "runId is null");
        requireNonNull(statuses, "statuses is null");
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("statuses is empty: no row would match");
        }
        statuses = Set.copyOf(statuses);
    }

    /** Every row, of every run and status. */
    public static QuarantineFilter all() {
        return new QuarantineFilter(Optional.empty(), EnumSet.allOf(QuarantineStatus.class));
    }

    /** Rows still quarantined (not warned, not replayed), of every run. */
    public static QuarantineFilter quarantined() {
        return new QuarantineFilter(Optional.empty(), EnumSet.of(QuarantineStatus.QUARANTINED));
    }

    /** This filter, narrowed to one run. */
    public QuarantineFilter ofRun(String runId) {
        return new QuarantineFilter(Optional.of(requireNonNull(runId, "runId is null")), statuses);
    }
}
