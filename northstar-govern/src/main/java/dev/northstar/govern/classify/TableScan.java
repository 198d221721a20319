package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest scan of a table.
 *
 * @param table the table
 * @param scannedAt when
 * @param sampledRows rows read
 * @param snapshotId the Iceberg snapshot read; empty for a table never written
 * @param scannedBy the principal who ran it
 */
public record TableScan(TableId table, Instant scannedAt, long sampledRows, Optional<Long> snapshotId,
        String scannedBy) {
    public TableScan {
        requireNonNull(table, "table is null");
        requireNonNull(scannedAt, "scannedAt is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(scannedBy, "scannedBy is null");
    }
}
