package dev.northstar.ml.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.ml.ModelSpec;
import dev.northstar.ml.Trainer;
import dev.northstar.ml.TrainingData;
import dev.northstar.spi.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

/** The pure-Java evaluator against XGBoost's own predictions and SHAP values, on rows with missing values. */
class TreeEnsembleTest {
    private static final List<String> FEATURES = List.of("a", "b", "c", "d", "e");

    @Test
    void scoresAndContributionsEqualXgboostsOwn() throws Exception {
        TrainingData train = data(4_000, 1);
        ModelSpec.Params params = new ModelSpec.Params("hist", 5, 0.2, 40, 3, 1, 0.8, 0.9, 1, 2);
        byte[] json = Trainer.fit(train, params);
        TreeEnsemble ensemble = TreeEnsemble.parse(json, FEATURES);
        assertThat(ensemble.treeCount()).isEqualTo(40);

        TrainingData test = data(3_000, 2);
        Booster booster = XGBoost.loadModel(json);
        DMatrix matrix = new DMatrix(test.matrix(), test.rows(), test.width(), Float.NaN);
        try {
            float[][] predictions = booster.predict(matrix);
            float[][] contributions = booster.predictContrib(matrix, 0);
            double worstScore = 0;
            double worstContribution = 0;
            for (int row = 0; row < test.rows(); row++) {
                float[] features = test.row(row);
                worstScore = Math.max(worstScore, Math.abs(ensemble.score(features) - predictions[row][0]));
                double[] phi = ensemble.contributions(features);
                double sum = 0;
                for (int k = 0; k < phi.length; k++) {
                    worstContribution = Math.max(worstContribution, Math.abs(phi[k] - contributions[row][k]));
                    sum += phi[k];
                }
                assertThat(sum).isCloseTo(ensemble.margin(features), org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(worstScore).isLessThan(1e-6);
            // XGBoost sums SHAP values in single precision; ours are double.
            assertThat(worstContribution).isLessThan(1e-5);
        } finally {
            matrix.dispose();
            booster.dispose();
        }
    }

    /**
     * The tabulated leaves give the recursive algorithm's values: deep trees over five features test the same feature
     * several times on a path (merged path entries), and a tenth of b is missing (default directions).
     */
    @Test
    void tabulatedContributionsEqualTheRecursiveAlgorithms() {
        TrainingData train = data(6_000, 3);
        for (int depth : new int[] {1, 3, 8}) {
            byte[] json = Trainer.fit(train, new ModelSpec.Params("hist", depth, 0.3, 30, 7, 1, 0.9, 1, 1, 2));
            TreeEnsemble ensemble = TreeEnsemble.parse(json, FEATURES);
            assertThat(ensemble.tabulated()).isTrue();
            TrainingData test = data(2_000, 4);
            double worst = 0;
            for (int row = 0; row < test.rows(); row++) {
                double[] tabulated = ensemble.contributions(test.row(row));
                double[] recursive = ensemble.recursiveContributions(test.row(row));
                for (int k = 0; k < tabulated.length; k++) {
                    worst = Math.max(worst, Math.abs(tabulated[k] - recursive[k]));
                }
            }
            assertThat(worst).as("depth " + depth).isLessThan(1e-12);
        }
    }

    @Test
    void explainsWithTheLargestContributionsFirst() {
        TrainingData train = data(2_000, 5);
        TreeEnsemble ensemble = TreeEnsemble.parse(Trainer.fit(train, ModelSpec.Params.defaults()), FEATURES);
        float[] row = {0.9f, Float.NaN, 0.5f, 0.1f, 0.2f};
        Explanation explanation = ensemble.explain(row, 3);
        assertThat(explanation.score()).isCloseTo(ensemble.score(row), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(explanation.reasons()).hasSize(3);
        assertThat(explanation.reasons().get(0).feature()).isEqualTo("a");
        assertThat(Math.abs(explanation.reasons().get(0).contribution()))
                .isGreaterThanOrEqualTo(Math.abs(explanation.reasons().get(1).contribution()));
        assertThat(explanation.reasons()).extracting(Reason::feature).doesNotHaveDuplicates();
    }

    @Test
    void rejectsWhatItCannotEvaluate() {
        byte[] json = Trainer.fit(data(500, 9), new ModelSpec.Params("hist", 2, 0.3, 2, 1, 1, 1, 1, 1, 1));
        assertThatThrownBy(() -> TreeEnsemble.parse(json, List.of("a", "b")))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_DATA)
                .hasMessageContaining("reads 5 features, but 2 were named");
        assertThatThrownBy(() -> TreeEnsemble.parse("{\"learner\":{}}".getBytes(StandardCharsets.UTF_8), FEATURES))
                .hasMessageContaining("not gbtree");
        TreeEnsemble ensemble = TreeEnsemble.parse(json, FEATURES);
        assertThatThrownBy(() -> ensemble.score(new float[] {1f}))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_ARGUMENT);
    }

    /** Rows whose label depends on a, b (10% missing) and an interaction of c and d; e is noise. */
    static TrainingData data(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] matrix = new float[rows * FEATURES.size()];
        float[] labels = new float[rows];
        long[] times = new long[rows];
        for (int row = 0; row < rows; row++) {
            float a = (float) random.nextDouble();
            float b = random.nextDouble() < 0.1 ? Float.NaN : (float) random.nextDouble();
            float c = (float) random.nextDouble();
            float d = (float) random.nextDouble();
            float e = (float) random.nextDouble();
            float[] values = {a, b, c, d, e};
            System.arraycopy(values, 0, matrix, row * values.length, values.length);
            double logit = 3 * a - 2 * (Float.isNaN(b) ? 0.5 : b) + 2 * (c > 0.5 && d > 0.5 ? 1 : 0) - 1
                    + random.nextGaussian() * 0.5;
            labels[row] = logit > 0 ? 1 : 0;
            times[row] = row;
        }
        return new TrainingData(FEATURES, matrix, labels, times, Map.of());
    }
}
