package dev.northstar.ml.scoring;

import dev.northstar.ml.ModelSpec;
import dev.northstar.ml.Trainer;
import dev.northstar.ml.TrainingData;
import java.util.Arrays;
import java.util.Locale;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One-row latency of the serving path, measured call by call after a warm-up: the pure-Java {@link TreeEnsemble}'s
 * score, its top-3 explanation (exact TreeSHAP from tabulated leaves), the same explanation by the recursive
 * algorithm, and as peers XGBoost's native one-row predict and SHAP
 * ({@code predictContrib} on a one-row matrix) with {@code nthread=1}. Prints one JSON line:
 * {@code {"bench":"scorer","trees":…,"features":…,"score_p50_us":…,"score_p99_us":…,"explain_p50_us":…,
 * "explain_p99_us":…,"explain_recursive_p50_us":…,"explain_recursive_p99_us":…,"native_p50_us":…,"native_p99_us":…,"native_shap_p50_us":…,"native_shap_p99_us":…}}.
 *
 * <p>Run: {@code java -cp <northstar-ml classpath> dev.northstar.ml.scoring.ScorerBenchmark [rows] [features]
 * [rounds] [depth]}. Explanations are measured over at most 20,000 calls, the native predict over at most 5,000 and the native SHAP
 * over at most 2,000.
 */
public final class ScorerBenchmark {
    private ScorerBenchmark() {}

    /** Latency percentiles in microseconds. */
    public record Result(int trees, int features, int calls, double scoreP50, double scoreP99, double explainP50,
            double explainP99, double recursiveP50, double recursiveP99, double nativeP50, double nativeP99,
            double nativeShapP50, double nativeShapP99) {
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"scorer\",\"trees\":%d,\"features\":%d,\"calls\":%d,"
                    + "\"score_p50_us\":%.1f,\"score_p99_us\":%.1f,\"explain_p50_us\":%.1f,\"explain_p99_us\":%.1f,"
                    + "\"explain_recursive_p50_us\":%.1f,\"explain_recursive_p99_us\":%.1f,"
                    + "\"native_p50_us\":%.1f,\"native_p99_us\":%.1f,\"native_shap_p50_us\":%.1f,"
                    + "\"native_shap_p99_us\":%.1f}", trees, features, calls, scoreP50, scoreP99, explainP50,
                    explainP99, recursiveP50, recursiveP99, nativeP50, nativeP99, nativeShapP50, nativeShapP99);
        }
    }

    /**
     * Measures {@code calls} one-row calls of each path over the rows of {@code rows} (cycled).
     *
     * @param modelJson the XGBoost JSON model the ensemble was read from, for the native peer
     */
    public static Result measure(TreeEnsemble ensemble, byte[] modelJson, TrainingData rows, int calls) {
        int width = rows.width();
        float[][] inputs = new float[Math.min(rows.rows(), 10_000)][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = rows.row(i);
        }
        double sink = 0;
        long[] score = new long[calls];
        int explainCalls = Math.min(calls, 20_000);
        long[] explain = new long[explainCalls];
        long[] recursive = new long[explainCalls];
        for (int round = 0; round < 2; round++) {
            // The first round warms the JIT up; the second is measured.
            for (int call = 0; call < calls; call++) {
                float[] row = inputs[call % inputs.length];
                long started = System.nanoTime();
                sink += ensemble.score(row);
                score[call] = System.nanoTime() - started;
            }
            for (int call = 0; call < explainCalls; call++) {
                float[] row = inputs[call % inputs.length];
                long started = System.nanoTime();
                sink += ensemble.explain(row, 3).reasons().get(0).contribution();
                explain[call] = System.nanoTime() - started;
            }
            for (int call = 0; call < explainCalls; call++) {
                float[] row = inputs[call % inputs.length];
                long started = System.nanoTime();
                sink += ensemble.recursiveExplain(row, 3).reasons().get(0).contribution();
                recursive[call] = System.nanoTime() - started;
            }
        }
        long[] nativeTimes = nativeLatency(modelJson, inputs, width, Math.min(calls, 5_000), false);
        long[] nativeShap = nativeLatency(modelJson, inputs, width, Math.min(calls, 2_000), true);
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("a score was NaN");
        }
        return new Result(ensemble.treeCount(), width, calls, percentile(score, 0.50), percentile(score, 0.99),
                percentile(explain, 0.50), percentile(explain, 0.99), percentile(recursive, 0.50),
                percentile(recursive, 0.99), percentile(nativeTimes, 0.50),
                percentile(nativeTimes, 0.99), percentile(nativeShap, 0.50), percentile(nativeShap, 0.99));
    }

    private static long[] nativeLatency(byte[] modelJson, float[][] inputs, int width, int calls, boolean shap) {
        long[] times = new long[calls];
        Booster booster = null;
        try {
            booster = XGBoost.loadModel(modelJson);
            booster.setParam("nthread", 1);
            for (int round = 0; round < 2; round++) {
                for (int call = 0; call < calls; call++) {
                    float[] row = inputs[call % inputs.length];
                    long started = System.nanoTime();
                    if (shap) {
                        DMatrix matrix = new DMatrix(row, 1, width, Float.NaN);
                        booster.predictContrib(matrix, 0);
                        matrix.dispose();
                    } else {
                        booster.inplace_predict(row, 1, width, Float.NaN);
                    }
                    times[call] = System.nanoTime() - started;
                }
            }
            return times;
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalStateException("XGBoost could not load or score the model: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
        }
    }

    static double percentile(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000.0;
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int depth = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        TrainingData data = dev.northstar.ml.SyntheticData.generate(rows, features, 5);
        ModelSpec.Params defaults = ModelSpec.Params.defaults();
        byte[] model = Trainer.fit(data, new ModelSpec.Params("hist", depth, defaults.eta(), rounds, defaults.seed(),
                1, 1, 1, 1, 2));
        TreeEnsemble ensemble = TreeEnsemble.parse(model, data.features());
        System.out.println(measure(ensemble, model, dev.northstar.ml.SyntheticData.generate(10_000, features, 6),
                100_000).json());
    }
}
