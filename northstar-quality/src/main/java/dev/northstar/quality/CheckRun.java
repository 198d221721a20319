package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a table's checks.
 *
 * @param id run id (a UUID)
 * @param table the table checked
 * @param at when the checks ran
 * @param snapshotId the table snapshot the aggregate query read, empty for a table never written
 * @param results one result per check, in the order of the checks
 * @param metrics every raw metric measured, by name (counts in rows, freshness in seconds, percentages as
 *     {@code <kind>_percent.<column>}), sorted by name
 * @param queries how many SQL queries the run sent to the lake
 */
public record CheckRun(
        String id,
        TableId table,
        Instant at,
        Optional<Long> snapshotId,
        List<CheckResult> results,
        Map<String, Double> metrics,
        int queries) {
    public CheckRun {
        requireNonNull(id, "id is null");
        requireNonNull(table, "table is null");
        requireNonNull(at, "at is null");
        requireNonNull(snapshotId, "snapshotId is null");
        results = List.copyOf(results);
        metrics = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(metrics));
    }

    /** Whether every error-severity check passed. */
    public boolean passed() {
        return results.stream().noneMatch(CheckResult::failsRun);
    }

    /** Results of checks that did not pass, any severity. */
    public List<CheckResult> failures() {
        return results.stream().filter(result -> !result.passed()).toList();
    }
}
