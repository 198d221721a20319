package dev.northstar.ml;

import java.util.Locale;

/**
 * Times XGBoost training on synthetic rows (default 1,000,000 × 20, the spec's default parameters: hist, depth 6,
 * eta 0.3, 100 rounds, 2 threads) and prints one JSON line:
 * {@code {"bench":"training","rows":…,"features":…,"rounds":…,"threads":…,"seconds":…,"train_auc":…}}.
 *
 * <p>Run: {@code java -cp <northstar-ml classpath> dev.northstar.ml.TrainingBenchmark [rows] [features] [rounds]
 * [threads]}.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {}

    /**
     * One measurement.
     *
     * @param seconds wall time of boosting (data generation excluded)
     * @param trainingAuc ROC-AUC of the model on its own training rows (a sanity check, not a quality claim)
     */
    public record Result(int rows, int features, int rounds, int threads, double seconds, double trainingAuc) {
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"training\",\"rows\":%d,\"features\":%d,\"rounds\":%d,"
                    + "\"threads\":%d,\"seconds\":%.2f,\"train_auc\":%.4f}", rows, features, rounds, threads, seconds,
                    trainingAuc);
        }
    }

    public static Result run(int rows, int features, int rounds, int threads) {
        TrainingData data = SyntheticData.generate(rows, features, 11);
        ModelSpec.Params defaults = ModelSpec.Params.defaults();
        ModelSpec.Params params = new ModelSpec.Params(defaults.treeMethod(), defaults.maxDepth(), defaults.eta(),
                rounds, defaults.seed(), defaults.minChildWeight(), defaults.subsample(), defaults.colsampleByTree(),
                defaults.lambda(), threads);
        long started = System.nanoTime();
        byte[] model = Trainer.fit(data, params);
        double seconds = (System.nanoTime() - started) / 1e9;
        var ensemble = dev.northstar.ml.scoring.TreeEnsemble.parse(model, data.features());
        int sample = Math.min(rows, 100_000);
        TrainingData head = data.select(java.util.stream.IntStream.range(0, sample).toArray());
        double auc = dev.northstar.ml.metrics.Evaluation.rocAuc(ensemble.scores(head.matrix(), sample),
                head.labels());
        return new Result(rows, features, rounds, threads, seconds, auc);
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        System.out.println(run(rows, features, rounds, threads).json());
    }
}
