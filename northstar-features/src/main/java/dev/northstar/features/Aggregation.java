package dev.northstar.features;

import java.util.Locale;

/** How a feature aggregates the source events of an entity inside its window. */
public enum Aggregation {
    /** Number of events (or of non-null values when a column or expression is given); 0 when empty. */
    COUNT,
    /** Sum of the non-null values as DOUBLE; 0 when empty. */
    SUM,
    /** Mean of the non-null values as DOUBLE; NULL when empty. */
    AVG,
    /** Smallest non-null value; NULL when empty. */
    MIN,
    /** Largest non-null value; NULL when empty. */
    MAX,
    /** Number of distinct non-null values (compared as text); 0 when empty. */
    COUNT_DISTINCT,
    /** The non-null value of the latest event before the time (ties: the largest value); NULL when none within TTL. */
    LAST;

    /** The YAML spelling, e.g. {@code count_distinct}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the aggregation needs a value (a column or an expression). */
    public boolean needsValue() {
        return this != COUNT;
    }

    /** Whether the aggregation's result is a number computed from numeric values. */
    public boolean numericOnly() {
        return this == SUM || this == AVG;
    }
}
