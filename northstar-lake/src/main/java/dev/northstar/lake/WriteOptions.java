package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * How to write.
 *
 * @param mode append rows, or replace the table's rows
 * @param runId id of the run, recorded in the snapshot summary as {@code northstar.run-id}
 * @param sourceFingerprint fingerprint of the source, recorded as {@code northstar.source-fingerprint}
 * @param summary extra snapshot summary properties
 */
public record WriteOptions(Mode mode, String runId, Optional<String> sourceFingerprint, Map<String, String> summary) {
    /** Write mode. */
    public enum Mode {
        APPEND,
        OVERWRITE
    }

    public WriteOptions {
        requireNonNull(mode, "mode is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(sourceFingerprint, "sourceFingerprint is null");
        summary = Map.copyOf(requireNonNull(summary, "summary is null"));
    }

    /** Append with a fresh run id. */
    public static WriteOptions append() {
        return new WriteOptions(Mode.APPEND, java.util.UUID.randomUUID().toString(), Optional.empty(), Map.of());
    }

    /** Overwrite with a fresh run id. */
    public static WriteOptions overwrite() {
        return new WriteOptions(Mode.OVERWRITE, java.util.UUID.randomUUID().toString(), Optional.empty(), Map.of());
    }

    public WriteOptions withRunId(String id) {
        return new WriteOptions(mode, id, sourceFingerprint, summary);
    }

    public WriteOptions withSourceFingerprint(String fingerprint) {
        return new WriteOptions(mode, runId, Optional.of(fingerprint), summary);
    }

    public WriteOptions withSummary(Map<String, String> properties) {
        return new WriteOptions(mode, runId, sourceFingerprint, properties);
    }
}
