package dev.northstar.lake;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One Iceberg snapshot of a table.
 *
 * @param snapshotId snapshot id
 * @param parentId parent snapshot id, empty for the first
 * @param committedAt commit time
 * @param operation {@code append}, {@code overwrite}, {@code delete} or {@code replace}
 * @param summary snapshot summary: Iceberg's counters plus Northstar's {@code northstar.run-id},
 *     {@code northstar.source-fingerprint} and whatever the writer recorded
 * @param current whether it is the table's current snapshot
 */
public record SnapshotInfo(
        long snapshotId,
        Optional<Long> parentId,
        Instant committedAt,
        String operation,
        Map<String, String> summary,
        boolean current) {
    /** Summary key of the id of the run that committed the snapshot. */
    public static final String RUN_ID = "northstar.run-id";
    /** Summary key of the fingerprint of the source the snapshot was loaded from. */
    public static final String SOURCE_FINGERPRINT = "northstar.source-fingerprint";

    public SnapshotInfo {
        summary = Map.copyOf(summary);
    }

    /** Rows added by this snapshot, from Iceberg's summary. */
    public long addedRecords() {
        return Long.parseLong(summary.getOrDefault("added-records", "0"));
    }

    /** Rows in the table at this snapshot, from Iceberg's summary. */
    public long totalRecords() {
        return Long.parseLong(summary.getOrDefault("total-records", "0"));
    }
}
