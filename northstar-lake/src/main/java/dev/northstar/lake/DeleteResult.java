package dev.northstar.lake;

import java.util.Optional;

/**
 * Outcome of a copy-on-write delete.
 *
 * @param snapshotId the snapshot committed, empty when no row matched (nothing is committed then)
 * @param deletedRows rows removed
 * @param rewrittenFiles data files replaced by rewritten ones
 * @param removedFiles data files removed entirely (all their rows matched)
 * @param scannedFiles data files that could hold matching rows and were read
 */
public record DeleteResult(Optional<Long> snapshotId, long deletedRows, int rewrittenFiles, int removedFiles,
        int scannedFiles) {}
