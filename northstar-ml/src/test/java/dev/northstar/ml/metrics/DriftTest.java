package dev.northstar.ml.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PSI on hand-computed bins and the KS test on shifted and unshifted samples. */
class DriftTest {
    private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void referenceBinsAreQuantilesOfTheTrainingValues() {
        DistributionReference reference = DistributionReference.of("amount", ONE_TO_TEN, 5, 100, 1);
        assertThat(reference.edges()).containsExactly(3, 5, 7, 9);
        assertThat(reference.expected()).containsExactly(0.2, 0.2, 0.2, 0.2, 0.2, 0.0);
        assertThat(reference.sample()).containsExactly(ONE_TO_TEN);
    }

    @Test
    void psiOfEverythingInTheFirstBin() {
        DistributionReference reference = DistributionReference.of("amount", ONE_TO_TEN, 5, 100, 1);
        Drift drift = Drift.of(reference, new double[] {1, 1, 2, 2.5, 0}, Drift.Thresholds.defaults());
        double floor = Drift.SHARE_FLOOR;
        double expected = (1 - 0.2) * Math.log(1 / 0.2) + 4 * (floor - 0.2) * Math.log(floor / 0.2);
        assertThat(drift.psi()).isCloseTo(expected, within(1e-12));
        assertThat(drift.liveCount()).isEqualTo(5);
        assertThat(drift.alerts()).anySatisfy(alert -> assertThat(alert).startsWith("PSI "));
    }

    @Test
    void missingValuesHaveTheirOwnBin() {
        DistributionReference reference = DistributionReference.of("amount", ONE_TO_TEN, 5, 100, 1);
        Drift drift = Drift.of(reference, new double[] {Double.NaN, 1, 3, 5, 7, 9, 2, 4, 6, 8},
                new Drift.Thresholds(1, 0));
        // Live shares: 0.2 per value bin except the first (0.1), 0.1 missing.
        double floor = Drift.SHARE_FLOOR;
        double expected = (0.1 - 0.2) * Math.log(0.1 / 0.2) + (0.1 - floor) * Math.log(0.1 / floor);
        assertThat(drift.psi()).isCloseTo(expected, within(1e-12));
        assertThat(drift.drifted()).isFalse();
    }

    @Test
    void ksAlertsOnAShiftAndNotOnTheSameDistribution() {
        SplittableRandom random = new SplittableRandom(3);
        double[] training = new double[2_000];
        double[] same = new double[1_000];
        double[] shifted = new double[1_000];
        for (int i = 0; i < training.length; i++) {
            training[i] = random.nextDouble();
        }
        for (int i = 0; i < same.length; i++) {
            same[i] = random.nextDouble();
            shifted[i] = random.nextDouble() * 0.8 + 0.2;
        }
        DistributionReference reference = DistributionReference.of("score", training, 10, 1_000, 5);
        assertThat(reference.sample()).hasSize(1_000);

        Drift stable = Drift.of(reference, same, Drift.Thresholds.defaults());
        assertThat(stable.ksPValue()).isGreaterThan(0.01);
        assertThat(stable.psi()).isLessThan(0.1);
        assertThat(stable.drifted()).isFalse();

        Drift moved = Drift.of(reference, shifted, Drift.Thresholds.defaults());
        assertThat(moved.ksStatistic()).isGreaterThan(0.15);
        assertThat(moved.ksPValue()).isLessThan(1e-6);
        assertThat(moved.alerts()).anySatisfy(alert -> assertThat(alert).startsWith("KS p-value"));
        assertThat(Drift.of(reference, shifted, Drift.Thresholds.defaults())).isEqualTo(moved);
    }

    @Test
    void reportCoversEveryFeatureAndTheScore() {
        SplittableRandom random = new SplittableRandom(8);
        double[] amounts = new double[1_000];
        double[] hours = new double[1_000];
        double[] scores = new double[1_000];
        for (int i = 0; i < amounts.length; i++) {
            amounts[i] = random.nextDouble() * 100;
            hours[i] = random.nextInt(24);
            scores[i] = random.nextDouble();
        }
        java.util.List<DistributionReference> references = java.util.List.of(
                DistributionReference.of("amount", amounts, 10, 500, 1),
                DistributionReference.of("hour", hours, 10, 500, 1),
                DistributionReference.of(DistributionReference.SCORE, scores, 10, 500, 1));
        int rows = 500;
        float[] live = new float[rows * 2];
        double[] liveScores = new double[rows];
        for (int row = 0; row < rows; row++) {
            live[row * 2] = (float) (random.nextDouble() * 100 + 60);
            live[row * 2 + 1] = random.nextInt(24);
            liveScores[row] = random.nextDouble();
        }
        DriftReport report = DriftReport.of(references, java.util.List.of("amount", "hour"), live, liveScores,
                Drift.Thresholds.defaults());
        assertThat(report.variables()).extracting(Drift::name).containsExactly("amount", "hour",
                DistributionReference.SCORE);
        assertThat(report.drifted()).isTrue();
        assertThat(report.alerts()).extracting(Drift::name).containsExactly("amount");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriftReport.of(references,
                java.util.List.of("amount", "merchant"), live, liveScores, Drift.Thresholds.defaults()))
                .hasMessageContaining("no drift reference for 'merchant'");
    }
}
