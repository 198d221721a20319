package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One value of a metric's history.
 *
 * @param at when it was measured
 * @param value the value (rows, percent or seconds, as the metric name says)
 * @param runId the check run that measured it
 */
public record MetricPoint(Instant at, double value, String runId) {
    public MetricPoint {
        requireNonNull(at, "at is null");
        requireNonNull(runId, "runId is null");
    }
}
