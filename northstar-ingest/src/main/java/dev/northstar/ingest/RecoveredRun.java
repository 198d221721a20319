package dev.northstar.ingest;

/**
 * A run found RUNNING whose process is gone, and what recovery did.
 *
 * @param runId the run
 * @param kind {@code ingest} or {@code replay}
 * @param outcome {@code reverted} (its commits were removed, it is now FAILED) or {@code completed} (a replay whose
 *     last commit had landed: it is now SUCCEEDED)
 */
public record RecoveredRun(String runId, String kind, String outcome) {}
