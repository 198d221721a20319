package dev.northstar.lake;

import java.util.List;
import java.util.Optional;

/**
 * Outcome of a maintenance task.
 *
 * @param task {@code expire-snapshots}, {@code compact} or {@code remove-orphan-files}
 * @param snapshotId snapshot committed by the task, if any (compaction commits one)
 * @param filesRemoved files physically deleted
 * @param filesAdded files written (compaction)
 * @param deletedPaths paths physically deleted
 */
public record MaintenanceResult(String task, Optional<Long> snapshotId, int filesRemoved, int filesAdded,
        List<String> deletedPaths) {
    public MaintenanceResult {
        deletedPaths = List.copyOf(deletedPaths);
    }
}
