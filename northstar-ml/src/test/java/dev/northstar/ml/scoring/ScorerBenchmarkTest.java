package dev.northstar.ml.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ml.ModelSpec;
import dev.northstar.ml.SyntheticData;
import dev.northstar.ml.Trainer;
import dev.northstar.ml.TrainingData;
import org.junit.jupiter.api.Test;

/** The latency benchmark runs all three paths on a small model; percentiles are nearest-rank. */
class ScorerBenchmarkTest {
    @Test
    void measuresEveryPath() {
        TrainingData data = SyntheticData.generate(2_000, 6, 1);
        byte[] model = Trainer.fit(data, new ModelSpec.Params("hist", 3, 0.3, 10, 1, 1, 1, 1, 1, 1));
        ScorerBenchmark.Result result = ScorerBenchmark.measure(TreeEnsemble.parse(model, data.features()), model,
                data, 300);
        assertThat(result.trees()).isEqualTo(10);
        assertThat(result.features()).isEqualTo(6);
        assertThat(result.scoreP50()).isPositive().isLessThanOrEqualTo(result.scoreP99());
        assertThat(result.explainP50()).isPositive().isLessThanOrEqualTo(result.explainP99());
        assertThat(result.recursiveP50()).isPositive().isLessThanOrEqualTo(result.recursiveP99());
        assertThat(result.nativeP50()).isPositive().isLessThanOrEqualTo(result.nativeP99());
        assertThat(result.nativeShapP50()).isPositive().isLessThanOrEqualTo(result.nativeShapP99());
        assertThat(result.json()).startsWith("{\"bench\":\"scorer\",\"trees\":10,\"features\":6,\"calls\":300,");
    }

    @Test
    void nearestRankPercentiles() {
        long[] nanos = {5_000, 1_000, 4_000, 2_000, 3_000};
        assertThat(ScorerBenchmark.percentile(nanos, 0.5)).isEqualTo(3.0);
        assertThat(ScorerBenchmark.percentile(nanos, 0.99)).isEqualTo(5.0);
        assertThat(ScorerBenchmark.percentile(nanos, 0.2)).isEqualTo(1.0);
    }
}
