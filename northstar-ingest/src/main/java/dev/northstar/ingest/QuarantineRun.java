package dev.northstar.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The rows one run left in a quarantine table in one status, as {@link QuarantineTable#runs} counts them.
 *
 * @param runId the run
 * @param status the rows' status
 * @param rows how many rows
 * @param firstIngestedAt when the run quarantined its first row
 * @param lastIngestedAt when it quarantined its last row
 * @param source the run's source (the smallest, when a replay gathered several)
 */
public record QuarantineRun(String runId, QuarantineStatus status, long rows, Optional<Instant> firstIngestedAt,
        Optional<Instant> lastIngestedAt, String source) {
    public QuarantineRun {
        requireNonNull(runId, "runId is null");
        requireNonNull(status, "status is null");
        requireNonNull(firstIngestedAt, "firstIngestedAt is null");
        requireNonNull(lastIngestedAt, "lastIngestedAt is null");
        requireNonNull(source, "source is null");
    }
}
