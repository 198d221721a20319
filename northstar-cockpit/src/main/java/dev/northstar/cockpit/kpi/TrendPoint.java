package dev.northstar.cockpit.kpi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One point of a trend: the value measured over the period starting at {@code start}.
 *
 * @param start the period's start
 * @param value the value over the period
 */
public record TrendPoint(Instant start, double value) {
    public TrendPoint {
        requireNonNull(start, "start is null");
    }
}
