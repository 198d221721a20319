package dev.northstar.spi.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a platform job (a load, a maintenance task...), kept for history, idempotency and cost.
 *
 * @param id run id (a UUID), also written in the Iceberg snapshot summary of the commit it made
 * @param kind job kind, e.g. {@code load}, {@code delete}, {@code compact}
 * @param target what the run acted on, e.g. {@code retail.orders}
 * @param status {@link #RUNNING}, {@link #SUCCEEDED} or {@link #FAILED}
 * @param startedAt start time
 * @param finishedAt end time, empty while running
 * @param rowsRead rows read from the source
 * @param rowsWritten rows committed
 * @param snapshotId Iceberg snapshot committed, if any
 * @param sourceFingerprint fingerprint of the source (e.g. SHA-256 of the file), if any
 * @param error error message of a failed run
 * @param details extra key/values
 */
public record RunRecord(
        String id,
        String kind,
        String target,
        String status,
        Instant startedAt,
        Optional<Instant> finishedAt,
        long rowsRead,
        long rowsWritten,
        Optional<Long> snapshotId,
        Optional<String> sourceFingerprint,
        Optional<String> error,
        Map<String, String> details) {
    /** Status of a run that has started and not finished. */
    public static final String RUNNING = "RUNNING";
    /** Status of a run that finished and committed what it had to. */
    public static final String SUCCEEDED = "SUCCEEDED";
    /** Status of a run that failed; {@link #error()} says why. */
    public static final String FAILED = "FAILED";

    public RunRecord {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        requireNonNull(status, "status is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(sourceFingerprint, "sourceFingerprint is null");
        requireNonNull(error, "error is null");
        details = Map.copyOf(requireNonNull(details, "details is null"));
    }
}
