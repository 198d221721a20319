package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A KPI as the cockpit shows it: its latest value against its target, with its recent trend.
 *
 * @param id stable id, e.g. {@code adoption.active-users}
 * @param category {@code adoption}, {@code time-to-value}, {@code quality}, {@code economics},
 *     {@code compliance} or {@code business}
 * @param label what it measures, for people
 * @param value latest value; empty when not measured
 * @param unit unit of the value, e.g. {@code users}, {@code %}, {@code days}, {@code EUR}
 * @param target the target, when one is set
 * @param status how the value stands against the target
 * @param trend recent values, oldest first
 * @param evidencePath console or API path where the value comes from
 * @param notMeasuredReason why there is no value, and what to do; empty when measured
 */
public record KpiTile(String id, String category, String label, OptionalDouble value, String unit,
        OptionalDouble target, KpiStatus status, List<TrendPoint> trend, String evidencePath,
        String notMeasuredReason) {
    public KpiTile {
        requireNonNull(id, "id is null");
        requireNonNull(category, "category is null");
        requireNonNull(label, "label is null");
        requireNonNull(value, "value is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(target, "target is null");
        requireNonNull(status, "status is null");
        trend = List.copyOf(trend);
        requireNonNull(evidencePath, "evidencePath is null");
        requireNonNull(notMeasuredReason, "notMeasuredReason is null");
        if (value.isEmpty() != (status == KpiStatus.NOT_MEASURED)) {
            throw new IllegalArgumentException("KPI " + id + ": status " + status + " does not match "
                    + (value.isEmpty() ? "a missing value" : "a measured value"));
        }
    }

    /** A KPI the platform cannot measure yet, saying why. */
    public static KpiTile notMeasured(String id, String category, String label, String unit, String evidencePath,
            String reason) {
        return new KpiTile(id, category, label, OptionalDouble.empty(), unit, OptionalDouble.empty(),
                KpiStatus.NOT_MEASURED, List.of(), evidencePath, reason);
    }
}
