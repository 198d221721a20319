package dev.northstar.ml.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Metrics on small cases computed by hand. */
class EvaluationTest {
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2};
    private static final float[] LABELS = {1, 1, 0, 1, 0, 0, 1, 0};

    @Test
    void rankingMetrics() {
        Evaluation evaluation = Evaluation.of(SCORES, LABELS, 1, 1);
        // Positive-negative pairs ranked right: 4 + 4 + 3 + 1 of 16.
        assertThat(evaluation.rocAuc()).isEqualTo(0.75);
        // Recall steps of 1/4 at precisions 1, 1, 3/4 and 4/7.
        assertThat(evaluation.prAuc()).isCloseTo(0.25 + 0.25 + 0.25 * 0.75 + 0.25 * 4 / 7.0, within(1e-12));
        assertThat(evaluation.rows()).isEqualTo(8);
        assertThat(evaluation.positives()).isEqualTo(4);
        assertThat(Evaluation.rocAuc(new double[] {0.5, 0.5}, new float[] {1, 0})).isEqualTo(0.5);
        assertThat(Evaluation.rocAuc(new double[] {0.5, 0.7}, new float[] {1, 1})).isNaN();
    }

    @Test
    void thresholdMinimisesTheExpectedCost() {
        // Equal costs: flagging from 0.8 (2 missed) and from 0.6 (1 false alarm, 1 missed) both cost 2; the higher
        // threshold wins the tie.
        Evaluation equal = Evaluation.of(SCORES, LABELS, 1, 1);
        assertThat(equal.threshold()).isEqualTo(0.8);
        assertThat(equal.cost()).isEqualTo(2);
        assertThat(equal.confusion()).isEqualTo(new Evaluation.ConfusionMatrix(2, 0, 4, 2));

        // A miss costs 4 false alarms: flag down to 0.3 (3 false alarms, no miss) for a cost of 3.
        Evaluation missesCostMore = Evaluation.of(SCORES, LABELS, 1, 4);
        assertThat(missesCostMore.threshold()).isEqualTo(0.3);
        assertThat(missesCostMore.cost()).isEqualTo(3);
        assertThat(missesCostMore.confusion()).isEqualTo(new Evaluation.ConfusionMatrix(4, 3, 1, 0));
        assertThat(missesCostMore.confusion().precision()).isEqualTo(4 / 7.0);
        assertThat(missesCostMore.confusion().recall()).isEqualTo(1.0);
        assertThat(Evaluation.confusion(SCORES, LABELS, 0.3)).isEqualTo(missesCostMore.confusion());

        // False alarms so dear that only the two top scores (both positive) are worth flagging.
        Evaluation alarmsCostMore = Evaluation.of(SCORES, LABELS, 100, 1);
        assertThat(alarmsCostMore.threshold()).isEqualTo(0.8);
        assertThat(alarmsCostMore.cost()).isEqualTo(2);

        // The top score is a negative: flagging nobody costs 1 miss, anything else at least as much.
        Evaluation nobody = Evaluation.of(new double[] {0.9, 0.1}, new float[] {0, 1}, 1, 1);
        assertThat(nobody.threshold()).isGreaterThan(0.9);
        assertThat(nobody.confusion()).isEqualTo(new Evaluation.ConfusionMatrix(0, 0, 1, 1));
        assertThat(nobody.cost()).isEqualTo(1);
    }

    @Test
    void calibrationTable() {
        double[] scores = {0.05, 0.15, 0.12, 0.18, 0.95};
        float[] labels = {0, 0, 1, 0, 1};
        Evaluation evaluation = Evaluation.of(scores, labels, 1, 1);
        assertThat(evaluation.calibration()).hasSize(3);
        Evaluation.CalibrationBin second = evaluation.calibration().get(1);
        assertThat(second.lower()).isEqualTo(0.1);
        assertThat(second.upper()).isEqualTo(0.2);
        assertThat(second.count()).isEqualTo(3);
        assertThat(second.meanPredicted()).isCloseTo(0.15, within(1e-12));
        assertThat(second.observedRate()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(evaluation.calibration().get(2).observedRate()).isEqualTo(1.0);
        assertThat(evaluation.expectedCalibrationError()).isCloseTo((0.05 + 3 * (1 / 3.0 - 0.15) + 0.05) / 5,
                within(1e-12));
        assertThat(evaluation.brierScore()).isCloseTo((0.0025 + 0.0225 + 0.7744 + 0.0324 + 0.0025) / 5,
                within(1e-12));
    }
}
