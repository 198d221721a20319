package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.Optional;

/**
 * A dataset metric computed by the aggregate query of a table. Counts are rows; {@link Check.MetricCheck} turns them
 * into percentages of the row count when its unit asks.
 *
 * @param kind what is measured
 * @param columns the column(s) measured: none for {@link Kind#ROW_COUNT}, one or more for
 *     {@link Kind#DUPLICATE_VALUES}, exactly one otherwise
 * @param values the valid values ({@link Kind#INVALID_VALUES}) or the values that count as missing besides null
 *     ({@link Kind#MISSING_VALUES}), compared with the column's text form
 * @param pattern a regular expression valid values fully match ({@link Kind#INVALID_VALUES})
 * @param minimum inclusive lower bound of valid values ({@link Kind#OUT_OF_RANGE})
 * @param maximum inclusive upper bound of valid values ({@link Kind#OUT_OF_RANGE})
 */
public record Metric(
        Kind kind,
        List<String> columns,
        List<String> values,
        Optional<String> pattern,
        Optional<Double> minimum,
        Optional<Double> maximum) {

    /** The metrics the aggregate query computes. */
    public enum Kind {
        /** Rows of the table. */
        ROW_COUNT("row_count"),
        /** Rows whose column is null. */
        NULL_VALUES("null_values"),
        /** Rows whose column is null or one of the missing values (e.g. empty text, {@code N/A}). */
        MISSING_VALUES("missing_values"),
        /** Rows whose non-null column is not among the valid values, does not match the pattern or is out of range. */
        INVALID_VALUES("invalid_values"),
        /** Rows whose non-null numeric column is below the minimum or above the maximum (both inclusive). */
        OUT_OF_RANGE("out_of_range"),
        /** Non-null rows repeating the value (or combination of values) of another row: rows minus distinct values. */
        DUPLICATE_VALUES("duplicate_values"),
        /** Smallest value of a numeric column. */
        MINIMUM("minimum"),
        /** Largest value of a numeric column. */
        MAXIMUM("maximum");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The metric name in history, e.g. {@code null_values}. */
        public String key() {
            return key;
        }
    }

    public Metric {
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        values = List.copyOf(requireNonNull(values, "values is null"));
        requireNonNull(pattern, "pattern is null");
        requireNonNull(minimum, "minimum is null");
        requireNonNull(maximum, "maximum is null");
        switch (kind) {
            case ROW_COUNT -> NorthstarException.checkArgument(columns.isEmpty(),
                    "row_count measures the table, not columns %s", columns);
            case DUPLICATE_VALUES -> NorthstarException.checkArgument(!columns.isEmpty(),
                    "duplicate_values needs at least one column");
            default -> NorthstarException.checkArgument(columns.size() == 1,
                    "%s measures exactly one column, got %s", kind.key, columns);
        }
        if (kind == Kind.INVALID_VALUES) {
            NorthstarException.checkArgument(!values.isEmpty() || pattern.isPresent(),
                    "invalid_values of column '%s' needs validValues or a pattern", columns.get(0));
            NorthstarException.checkArgument(minimum.isEmpty() && maximum.isEmpty(),
                    "invalid_values of column '%s' takes no range: use out_of_range", columns.get(0));
        }
        if (kind == Kind.OUT_OF_RANGE) {
            NorthstarException.checkArgument(minimum.isPresent() || maximum.isPresent(),
                    "out_of_range of column '%s' needs a minimum or a maximum", columns.get(0));
            NorthstarException.checkArgument(values.isEmpty() && pattern.isEmpty(),
                    "out_of_range of column '%s' takes no valid values or pattern: use invalid_values",
                    columns.get(0));
            NorthstarException.checkArgument(minimum.isEmpty() || maximum.isEmpty()
                            || minimum.get() <= maximum.get(),
                    "out_of_range of column '%s': minimum %s is above maximum %s", columns.get(0),
                    minimum.orElse(null), maximum.orElse(null));
        }
    }

    public static Metric rowCount() {
        return new Metric(Kind.ROW_COUNT, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Metric nullValues(String column) {
        return of(Kind.NULL_VALUES, column);
    }

    /** Null or one of {@code missingValues} (compared as text, e.g. {@code ""}, {@code "N/A"}). */
    public static Metric missingValues(String column, List<String> missingValues) {
        return new Metric(Kind.MISSING_VALUES, List.of(column), missingValues, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public static Metric invalidValues(String column, List<String> validValues, Optional<String> pattern) {
        return new Metric(Kind.INVALID_VALUES, List.of(column), validValues, pattern, Optional.empty(),
                Optional.empty());
    }

    /** Values outside {@code [minimum, maximum]} are invalid. */
    public static Metric outOfRange(String column, Optional<Double> minimum, Optional<Double> maximum) {
        return new Metric(Kind.OUT_OF_RANGE, List.of(column), List.of(), Optional.empty(), minimum, maximum);
    }

    public static Metric duplicateValues(List<String> columns) {
        return new Metric(Kind.DUPLICATE_VALUES, columns, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public static Metric minimum(String column) {
        return of(Kind.MINIMUM, column);
    }

    public static Metric maximum(String column) {
        return of(Kind.MAXIMUM, column);
    }

    private static Metric of(Kind kind, String column) {
        return new Metric(kind, List.of(column), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The name of this metric in history: the kind, then the column(s), e.g. {@code row_count},
     * {@code null_values.email}, {@code duplicate_values.order_id+line}.
     */
    public String key() {
        return columns.isEmpty() ? kind.key : kind.key + "." + String.join("+", columns);
    }

    /** Whether the metric counts rows (so a percentage of the row count means something). */
    public boolean isRowCount() {
        return kind != Kind.MINIMUM && kind != Kind.MAXIMUM;
    }
}
