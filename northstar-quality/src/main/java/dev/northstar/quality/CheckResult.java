package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * The outcome of one check.
 *
 * @param checkId the check's id
 * @param metric the metric name in history, e.g. {@code null_values.email}, {@code sql.<check id>}
 * @param measured the value compared (in {@code unit}); empty when there was nothing to measure (a custom query
 *     returning no row or null, a freshness column with no value), which fails the check
 * @param unit rows or percent; freshness is measured in seconds and reported as {@link MeasureUnit#ROWS}
 * @param expectation the threshold as text, e.g. {@code <= 5}
 * @param passed whether the measured value satisfies the expectation
 * @param severity the check's severity
 * @param message one line for people, e.g. {@code null_values.email = 2 rows, expected = 0}
 */
public record CheckResult(
        String checkId,
        String metric,
        OptionalDouble measured,
        MeasureUnit unit,
        String expectation,
        boolean passed,
        Severity severity,
        String message) {
    public CheckResult {
        requireNonNull(checkId, "checkId is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(measured, "measured is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(expectation, "expectation is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
    }

    /** Whether this result fails the run: an error-severity check that did not pass. */
    public boolean failsRun() {
        return !passed && severity == Severity.ERROR;
    }
}
