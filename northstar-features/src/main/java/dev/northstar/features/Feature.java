package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * One feature of a view: an aggregation of one value of the source events (a column, or a SQL expression over one
 * source row) over a sliding window ending strictly before the time the feature is read at.
 *
 * @param name column name of the feature
 * @param aggregation how the values are aggregated
 * @param column the source column aggregated, if any
 * @param expression the DuckDB SQL expression aggregated, if any (never both a column and an expression)
 * @param window how far back the window reaches; empty for {@link Aggregation#LAST}, whose window is the view's TTL
 */
public record Feature(String name, Aggregation aggregation, Optional<String> column, Optional<String> expression,
        Optional<Duration> window) {
    public Feature {
        requireNonNull(name, "name is null");
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(column, "column is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(window, "window is null");
        if (column.isPresent() && expression.isPresent()) {
            throw new IllegalArgumentException("feature " + name + " has both a column and an expression");
        }
    }

    /** The SQL of the aggregated value over one source row: the quoted column or the expression in parentheses. */
    public Optional<String> valueSql() {
        return column.map(FeatureSql::quote).or(() -> expression.map(text -> "(" + text + ")"));
    }

    /** The window actually used: the feature's own, or the view's TTL for {@link Aggregation#LAST}. */
    public Duration effectiveWindow(Duration ttl) {
        return window.orElse(ttl);
    }
}
