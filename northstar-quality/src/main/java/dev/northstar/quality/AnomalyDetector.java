package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Robust z-score (Iglewicz and Hoaglin's modified z-score) of a new value against a metric's history: the median
 * and the median absolute deviation (MAD) resist the outliers a mean and standard deviation would absorb.
 *
 * <p>{@code z = 0.6745 × (x − median) / MAD}; when more than half of the history is equal the MAD is zero, and the
 * mean absolute deviation scaled by 1.2533 stands in ({@code z = (x − median) / (1.2533 × meanAD)}); when every past
 * value is equal, any different value is anomalous (infinite score).
 *
 * @param threshold absolute score above which a value is anomalous (3.5 is the usual choice)
 * @param minimumHistory fewer past values than this never yield an anomaly
 * @param maximumHistory only the latest values are compared (the series' recent behaviour)
 */
public record AnomalyDetector(double threshold, int minimumHistory, int maximumHistory) {
    /** Default threshold. */
    public static final double DEFAULT_THRESHOLD = 3.5;
    /** Default minimum history. */
    public static final int DEFAULT_MINIMUM_HISTORY = 8;
    /** Default number of latest values compared. */
    public static final int DEFAULT_MAXIMUM_HISTORY = 30;

    private static final double MAD_SCALE = 0.6745;
    private static final double MEAN_ABSOLUTE_DEVIATION_SCALE = 1.253314;

    public AnomalyDetector {
        NorthstarException.checkArgument(threshold > 0, "quality.anomaly-threshold must be positive, got %s",
                threshold);
        NorthstarException.checkArgument(minimumHistory >= 3,
                "quality.anomaly-minimum-history must be at least 3, got %d", minimumHistory);
        NorthstarException.checkArgument(maximumHistory >= minimumHistory,
                "quality.anomaly-maximum-history (%d) must be at least quality.anomaly-minimum-history (%d)",
                maximumHistory, minimumHistory);
    }

    /** Threshold 3.5, at least 8 past values, the latest 30 compared. */
    public static AnomalyDetector defaults() {
        return new AnomalyDetector(DEFAULT_THRESHOLD, DEFAULT_MINIMUM_HISTORY, DEFAULT_MAXIMUM_HISTORY);
    }

    /**
     * Scores {@code value} against {@code history} (oldest first; only the latest {@link #maximumHistory} count).
     *
     * @return the anomaly, or empty when the value is normal or the history too short
     */
    public Optional<Anomaly> detect(String metric, List<Double> history, double value) {
        requireNonNull(metric, "metric is null");
        requireNonNull(history, "history is null");
        List<Double> recent = history.subList(Math.max(0, history.size() - maximumHistory), history.size());
        if (recent.size() < minimumHistory) {
            return Optional.empty();
        }
        double[] values = recent.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(values);
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        double mad = median(deviations);
        double deviation;
        double score;
        if (mad > 0) {
            deviation = mad;
            score = MAD_SCALE * (value - median) / mad;
        } else {
            double meanAbsoluteDeviation = Arrays.stream(deviations).average().orElse(0);
            deviation = MEAN_ABSOLUTE_DEVIATION_SCALE * meanAbsoluteDeviation;
            if (deviation > 0) {
                score = (value - median) / deviation;
            } else {
                score = value == median ? 0 : Math.copySign(Double.POSITIVE_INFINITY, value - median);
            }
        }
        if (Math.abs(score) <= threshold) {
            return Optional.empty();
        }
        return Optional.of(new Anomaly(metric, value, median, deviation, score, threshold, recent.size()));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
