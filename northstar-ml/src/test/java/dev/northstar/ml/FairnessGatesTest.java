package dev.northstar.ml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.ml.metrics.Fairness;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FairnessGatesTest {
    private static final ModelSpec.Gates FAIRNESS = new ModelSpec.Gates(OptionalDouble.empty(),
            OptionalDouble.of(0.8), OptionalDouble.of(0.05), OptionalDouble.of(0.10));

    @Test
    void aDecisionThatFlagsNobodyCannotPassTheFairnessGates() {
        // 200 rows in two groups, positives in both, every score below the threshold: each group is treated alike
        // (selection and true-positive rates 0), which would pass every gate if it were judged.
        String[] groups = new String[200];
        double[] scores = new double[200];
        float[] labels = new float[200];
        for (int i = 0; i < 200; i++) {
            groups[i] = i % 2 == 0 ? "a" : "b";
            scores[i] = (i % 10) / 100.0;
            labels[i] = i % 5 == 0 ? 1 : 0;
        }
        Fairness nobody = Fairness.of("group", groups, scores, labels, 0.5);
        assertThat(nobody.equalOpportunityDifference()).isZero();

        List<GateResult> gates = Trainer.gates(FAIRNESS, evaluation(), List.of(nobody));

        assertThat(gates).hasSize(3).allSatisfy(gate -> {
            assertThat(gate.passed()).as(gate.gate()).isFalse();
            assertThat(gate.value()).as(gate.gate()).isNaN();
        });
    }

    @Test
    void aDecisionFlaggingEnoughRowsAlikeInEachGroupPasses() {
        // Same rows, 40 of them flagged (20 per group, every positive): measured, and fair.
        String[] groups = new String[200];
        double[] scores = new double[200];
        float[] labels = new float[200];
        for (int i = 0; i < 200; i++) {
            groups[i] = i % 2 == 0 ? "a" : "b";
            labels[i] = i % 5 == 0 ? 1 : 0;
            scores[i] = labels[i] > 0 ? 0.9 : 0.1;
        }
        Fairness fair = Fairness.of("group", groups, scores, labels, 0.5);
        assertThat(fair.groups()).extracting(Fairness.GroupMetrics::selected).containsExactly(20L, 20L);

        List<GateResult> gates = Trainer.gates(FAIRNESS, evaluation(), List.of(fair));

        assertThat(gates).extracting(GateResult::passed).containsOnly(true);
        assertThat(gates).extracting(GateResult::value).containsExactly(1.0, 0.0, 0.0);
    }

    private static Evaluation evaluation() {
        return Evaluation.of(new double[] {0.1, 0.9}, new float[] {0, 1}, 1, 1);
    }
}
