package dev.northstar.lake;

import dev.northstar.spi.schema.TableId;

/**
 * Outcome of a committed write.
 *
 * @param table the table written
 * @param snapshotId the snapshot the commit created
 * @param runId the run id recorded in the snapshot
 * @param rows rows written
 * @param dataFiles data files added
 * @param bytes bytes of data files added
 * @param millis wall time of the whole write
 */
public record WriteResult(TableId table, long snapshotId, String runId, long rows, int dataFiles, long bytes,
        long millis) {}
