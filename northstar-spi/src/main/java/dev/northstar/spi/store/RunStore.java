package dev.northstar.spi.store;

import java.util.List;
import java.util.Optional;

/**
 * History of platform job runs.
 */
public interface RunStore {
    /** Inserts a run, or replaces the run with the same id (used to record its end). */
    void save(RunRecord run);

    Optional<RunRecord> find(String id);

    /** Runs on a target, newest first, at most {@code limit}. */
    List<RunRecord> forTarget(String target, int limit);

    /** The latest successful run of a kind on a target with this source fingerprint, for idempotent re-runs. */
    Optional<RunRecord> findSucceeded(String kind, String target, String sourceFingerprint);
}
