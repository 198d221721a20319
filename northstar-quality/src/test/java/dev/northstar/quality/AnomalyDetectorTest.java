package dev.northstar.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    /** Median 100, MAD 1.5 (deviations 0,0,1,1,2,2,3,3). */
    private static final List<Double> ROW_COUNTS = List.of(100.0, 102.0, 98.0, 101.0, 99.0, 103.0, 97.0, 100.0);

    private final AnomalyDetector detector = AnomalyDetector.defaults();

    @Test
    void scoresWithTheMedianAndTheMedianAbsoluteDeviation() {
        Anomaly high = detector.detect("row_count", ROW_COUNTS, 110).orElseThrow();

        assertThat(high.median()).isEqualTo(100);
        assertThat(high.deviation()).isEqualTo(1.5);
        assertThat(high.score()).isCloseTo(0.6745 * 10 / 1.5, within(1e-12)); // 4.4967
        assertThat(high.historySize()).isEqualTo(8);
        assertThat(high.describe()).isEqualTo("row_count = 110 is anomalous: robust z-score 4.4967 beyond ±3.5"
                + " (median 100 of the last 8 values)");
        assertThat(detector.detect("row_count", ROW_COUNTS, 90).orElseThrow().score())
                .isCloseTo(-4.4967, within(1e-4));
        // 0.6745 * 7 / 1.5 = 3.148: within the threshold.
        assertThat(detector.detect("row_count", ROW_COUNTS, 107)).isEmpty();
        assertThat(detector.detect("row_count", ROW_COUNTS, 100)).isEmpty();
    }

    @Test
    void anOutlierInTheHistoryDoesNotHideTheNextOne() {
        List<Double> withOutlier = List.of(100.0, 102.0, 98.0, 101.0, 99.0, 103.0, 97.0, 100_000.0);

        // Median 100.5, MAD 2: 115 scores 0.6745 * 14.5 / 2 = 4.89. A mean/standard-deviation score would be
        // about -0.4 here, the outlier having dragged the mean to 12,587.
        assertThat(detector.detect("row_count", withOutlier, 115).orElseThrow().score())
                .isCloseTo(0.6745 * 14.5 / 2, within(1e-12));
    }

    @Test
    void fallsBackToTheMeanAbsoluteDeviationWhenTheMadIsZero() {
        List<Double> nullShares = List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 0.0);

        // MAD 0; mean absolute deviation 5/8 = 0.625, scaled by 1.253314 = 0.78332.
        Anomaly anomaly = detector.detect("null_values_percent.email", nullShares, 3).orElseThrow();
        assertThat(anomaly.deviation()).isCloseTo(1.253314 * 0.625, within(1e-12));
        assertThat(anomaly.score()).isCloseTo(3 / (1.253314 * 0.625), within(1e-12)); // 3.83
        assertThat(detector.detect("null_values_percent.email", nullShares, 2)).isEmpty(); // 2.55
    }

    @Test
    void aConstantHistoryMakesAnyChangeAnomalous() {
        List<Double> constant = Collections.nCopies(8, 50.0);

        assertThat(detector.detect("row_count", constant, 50)).isEmpty();
        Anomaly anomaly = detector.detect("row_count", constant, 51).orElseThrow();
        assertThat(anomaly.score()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(anomaly.describe()).contains("robust z-score +inf");
    }

    @Test
    void needsAMinimumHistoryAndComparesOnlyTheLatestValues() {
        assertThat(detector.detect("row_count", ROW_COUNTS.subList(0, 7), 1_000_000)).isEmpty();

        AnomalyDetector recent = new AnomalyDetector(3.5, 3, 5);
        List<Double> history = List.of(1000.0, 1000.0, 1000.0, 10.0, 11.0, 9.0, 10.0, 10.0);
        Anomaly anomaly = recent.detect("row_count", history, 1000).orElseThrow();
        assertThat(anomaly.median()).isEqualTo(10);
        assertThat(anomaly.historySize()).isEqualTo(5);
        assertThat(recent.detect("row_count", history, 10)).isEmpty();
    }

    @Test
    void thresholdIsConfigurable() {
        AnomalyDetector strict = new AnomalyDetector(3.0, 8, 30);

        assertThat(strict.detect("row_count", ROW_COUNTS, 107)).isPresent(); // 3.148 > 3.0
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new AnomalyDetector(0, 8, 30))
                .hasMessage("quality.anomaly-threshold must be positive, got 0.0");
        assertThatThrownBy(() -> new AnomalyDetector(3.5, 2, 30))
                .hasMessage("quality.anomaly-minimum-history must be at least 3, got 2");
        assertThatThrownBy(() -> new AnomalyDetector(3.5, 10, 9))
                .hasMessage("quality.anomaly-maximum-history (9) must be at least quality.anomaly-minimum-history"
                        + " (10)");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(AnomalyDetector.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(AnomalyDetector.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
