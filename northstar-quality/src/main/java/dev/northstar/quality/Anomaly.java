package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

/**
 * A value far from a metric's history.
 *
 * @param metric the metric name
 * @param value the new value
 * @param median median of the history
 * @param deviation the spread used: median absolute deviation, or {@code 1.2533 × mean absolute deviation} when
 *     the MAD is zero
 * @param score robust z-score {@code 0.6745 × (value − median) / MAD} (or {@code (value − median) / (1.2533 ×
 *     meanAD)}); infinite when the history never varied and the value differs
 * @param threshold the absolute score above which the value is anomalous
 * @param historySize how many past values were compared
 */
public record Anomaly(String metric, double value, double median, double deviation, double score, double threshold,
        int historySize) {
    public Anomaly {
        requireNonNull(metric, "metric is null");
    }

    /** One line for people. */
    public String describe() {
        return metric + " = " + Comparison.number(value) + " is anomalous: robust z-score "
                + (Double.isInfinite(score) ? (score > 0 ? "+inf" : "-inf") : Comparison.number(score))
                + " beyond ±" + Comparison.number(threshold) + " (median " + Comparison.number(median)
                + " of the last " + historySize + " values)";
    }
}
