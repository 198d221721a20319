package dev.northstar.ml.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Group fairness on cases computed by hand; decisions flag scores of at least 0.5. */
class FairnessTest {
    @Test
    void parityOpportunityAndImpact() {
        String[] groups = {"a", "a", "a", "a", "b", "b", "b", "b"};
        double[] scores = {0.9, 0.8, 0.2, 0.1, 0.7, 0.3, 0.2, 0.1};
        float[] labels = {1, 0, 1, 0, 1, 1, 0, 0};
        Fairness fairness = Fairness.of("gender", groups, scores, labels, 0.5);

        // a: 2 of 4 selected, 1 of 2 positives; b: 1 of 4 selected, 1 of 2 positives.
        assertThat(fairness.groups()).containsExactly(
                new Fairness.GroupMetrics("a", 4, 2, 2, 0.5, 0.5, 0.75),
                new Fairness.GroupMetrics("b", 4, 2, 1, 0.25, 0.5, 1.0));
        assertThat(fairness.demographicParityDifference()).isEqualTo(0.25);
        assertThat(fairness.equalOpportunityDifference()).isEqualTo(0.0);
        assertThat(fairness.disparateImpactRatio()).isEqualTo(0.5);
    }

    @Test
    void aGroupWithoutPositivesCountsForParityNotForOpportunity() {
        String[] groups = {"a", "a", "b", "b", "c"};
        double[] scores = {0.9, 0.1, 0.9, 0.1, 0.6};
        float[] labels = {1, 1, 1, 0, 0};
        Fairness fairness = Fairness.of("region", groups, scores, labels, 0.5);

        assertThat(fairness.groups().get(2).truePositiveRate()).isNaN();
        assertThat(fairness.groups().get(2).rocAuc()).isNaN();
        // Selection: a 1/2, b 1/2, c 1/1. True-positive rate: a 1/2, b 1/1.
        assertThat(fairness.demographicParityDifference()).isEqualTo(0.5);
        assertThat(fairness.disparateImpactRatio()).isEqualTo(0.5);
        assertThat(fairness.equalOpportunityDifference()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void nobodySelectedIsNoDisparity() {
        Fairness fairness = Fairness.of("gender", new String[] {"a", "b"}, new double[] {0.1, 0.2},
                new float[] {1, 0}, 0.5);
        assertThat(fairness.disparateImpactRatio()).isEqualTo(1.0);
        assertThat(fairness.demographicParityDifference()).isZero();
        assertThat(fairness.equalOpportunityDifference()).isNaN();
    }
}
