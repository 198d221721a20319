package dev.northstar.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Summary of a run. Always {@code rowsIn == rowsValid + rowsQuarantined}.
 *
 * @param runId run id (also in the snapshot summaries and the run history); for a skipped run, the id of the
 *     earlier run that ingested the same source
 * @param status how it ended
 * @param rowsIn rows read from the source
 * @param rowsValid rows written to the product
 * @param rowsQuarantined rows written to the quarantine table only
 * @param rowsWarned rows written to the product whose rule violations were recorded as warnings
 *     ({@code onViolation: warn})
 * @param durationMillis wall time
 * @param failure why a FAILED run failed
 * @param sampleReasons the first reasons of quarantined rows, e.g. {@code line 3: orders.amount.maximum: ...}
 */
public record IngestResult(String runId, IngestStatus status, long rowsIn, long rowsValid, long rowsQuarantined,
        long rowsWarned, long durationMillis, Optional<String> failure, List<String> sampleReasons) {
    public IngestResult {
        requireNonNull(runId, "runId is null");
        requireNonNull(status, "status is null");
        requireNonNull(failure, "failure is null");
        sampleReasons = List.copyOf(requireNonNull(sampleReasons, "sampleReasons is null"));
        if (rowsIn != rowsValid + rowsQuarantined) {
            throw new IllegalStateException("rows in (" + rowsIn + ") != rows valid (" + rowsValid
                    + ") + rows quarantined (" + rowsQuarantined + ") in run " + runId);
        }
    }
}
