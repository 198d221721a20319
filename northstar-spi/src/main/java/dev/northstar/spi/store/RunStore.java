package dev.northstar.spi.store;

import java.util.List;
import java.util.Optional;

/**
 * History of platform job runs, for the console, idempotent re-runs and cost accounting.
 */
public interface RunStore {
    /** Inserts a run, or replaces the run with the same id (used to record its end). */
    void save(RunRecord run);

    /** The run with this id. */
    Optional<RunRecord> find(String id);

    /**
     * Runs on a target, newest first (by start time, then id), at most {@code limit}.
     *
     * @throws dev.northstar.spi.error.NorthstarException with {@code INVALID_ARGUMENT} if {@code limit < 1}
     */
    List<RunRecord> forTarget(String target, int limit);

    /** The latest successful run of a kind on a target with this source fingerprint, for idempotent re-runs. */
    Optional<RunRecord> findSucceeded(String kind, String target, String sourceFingerprint);
}
