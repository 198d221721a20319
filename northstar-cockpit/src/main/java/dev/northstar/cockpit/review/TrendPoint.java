package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * One measurement of a series (a KPI or a cost) on a day.
 *
 * @param day the day the value was measured for
 * @param value the value
 */
public record TrendPoint(LocalDate day, double value) {
    public TrendPoint {
        requireNonNull(day, "day is null");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Trend value of " + day + " is not a finite number: " + value);
        }
    }
}
