package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.time.Duration;
import java.util.Optional;

/**
 * A dataset check: a metric of the table's aggregate query, a custom SQL query, or freshness. Each has an id unique
 * within the table (incidents are keyed by it) and a severity.
 */
public sealed interface Check {
    /** Unique within the table, e.g. {@code orders.email.null_values}. */
    String id();

    Severity severity();

    /**
     * A metric compared in rows or in percent of the row count.
     *
     * @param id check id
     * @param metric the metric, computed with every other metric of the table in one query
     * @param comparison what the measured value must satisfy
     * @param unit rows or percent
     * @param severity severity
     */
    record MetricCheck(String id, Metric metric, Comparison comparison, MeasureUnit unit, Severity severity)
            implements Check {
        public MetricCheck {
            requireId(id);
            requireNonNull(metric, "metric is null");
            requireNonNull(comparison, "comparison is null");
            requireNonNull(unit, "unit is null");
            requireNonNull(severity, "severity is null");
            NorthstarException.checkArgument(unit == MeasureUnit.ROWS || metric.isRowCount()
                            && metric.kind() != Metric.Kind.ROW_COUNT,
                    "Check '%s': %s cannot be measured in percent", id, metric.key());
        }
    }

    /**
     * A custom SQL query returning one number (first column of the first row). The query names the table as
     * {@code {object}}, {@code ${object}}, {@code {table}} or {@code ${table}}, or as {@code domain.table}.
     *
     * @param id check id
     * @param query read-only SQL
     * @param comparison what the returned number must satisfy
     * @param severity severity
     */
    record SqlCheck(String id, String query, Comparison comparison, Severity severity) implements Check {
        public SqlCheck {
            requireId(id);
            requireNonNull(query, "query is null");
            NorthstarException.checkArgument(!query.isBlank(), "Check '%s' has an empty query", id);
            requireNonNull(comparison, "comparison is null");
            requireNonNull(severity, "severity is null");
        }
    }

    /**
     * The newest data must be at most {@code maxAge} old: the largest value of a timestamp column, or, without
     * one, the time of the latest commit that added or replaced rows.
     *
     * @param id check id
     * @param column timestamp or date column (the SLA's {@code element}); empty for the latest commit time
     * @param maxAge the largest acceptable age
     * @param severity severity
     */
    record FreshnessCheck(String id, Optional<String> column, Duration maxAge, Severity severity) implements Check {
        public FreshnessCheck {
            requireId(id);
            requireNonNull(column, "column is null");
            requireNonNull(maxAge, "maxAge is null");
            NorthstarException.checkArgument(!maxAge.isNegative() && !maxAge.isZero(),
                    "Check '%s': the freshness limit must be positive, got %s", id, maxAge);
            requireNonNull(severity, "severity is null");
        }

        /** The metric name in history: {@code freshness_seconds} or {@code freshness_seconds.<column>}. */
        public String metricKey() {
            return column.map(name -> "freshness_seconds." + name).orElse("freshness_seconds");
        }
    }

    private static void requireId(String id) {
        requireNonNull(id, "id is null");
        NorthstarException.checkArgument(!id.isBlank(), "A check id must not be blank");
    }
}
