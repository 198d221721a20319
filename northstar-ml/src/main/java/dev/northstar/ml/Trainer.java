package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.ml.metrics.DistributionReference;
import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.ml.metrics.Fairness;
import dev.northstar.ml.scoring.TreeEnsemble;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains gradient-boosted trees with XGBoost4J from a {@link ModelSpec}: reads the training table (recording the
 * snapshot read), splits by time, boosts, and measures the validation rows — evaluation, fairness, gates, SHAP
 * importance and drift references. Given the same rows, spec and thread count, training is deterministic: the same
 * model bytes.
 */
public final class Trainer {
    /** Validation rows SHAP importance is averaged over (evenly spaced), to bound its cost. */
    static final int IMPORTANCE_ROWS = 2_000;
    /** Quantile bins of drift references. */
    static final int DRIFT_BINS = 10;
    /** Reference values kept per variable for the KS test. */
    static final int DRIFT_SAMPLE = 1_000;

    private Trainer() {}

    /**
     * Trains from the spec's table at its current snapshot.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} when columns are missing or of the wrong kind, or a side of
     *     the split is empty or single-class; the source's errors ({@code FORBIDDEN}, {@code TABLE_NOT_FOUND}...)
     */
    public static TrainedModel train(ModelSpec spec, TrainingSource source) {
        return train(spec, source, Map.of());
    }

    /**
     * Re-trains a registered version: reads each input table at its recorded snapshot (time travel), so the same
     * spec gives the same model even after the tables changed.
     */
    public static TrainedModel reproduce(ModelSpec spec, List<InputTable> inputs, TrainingSource source) {
        Map<TableId, Long> pinned = new HashMap<>();
        inputs.forEach(input -> pinned.put(input.table(), input.snapshotId()));
        return train(spec, source, pinned);
    }

    /** Re-trains a registered version from its recorded spec and snapshots. */
    public static TrainedModel reproduce(ModelVersion version, TrainingSource source) {
        return reproduce(version.spec(), version.inputs(), source);
    }

    private static TrainedModel train(ModelSpec spec, TrainingSource source, Map<TableId, Long> pinned) {
        requireNonNull(spec, "spec is null");
        requireNonNull(source, "source is null");
        ModelSpec.Training training = spec.training();
        List<String> columns = columns(spec);
        QueryOptions options = QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE);
        for (Map.Entry<TableId, Long> pin : pinned.entrySet()) {
            options = options.withSnapshot(pin.getKey(), pin.getValue());
        }
        QueryResult result = source.read(query(spec, columns), options);
        if (!result.snapshots().containsKey(training.table().toString()) || result.rows().isEmpty()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Table " + training.table()
                    + " has no labelled rows to train on", "Load data into it, or check the label column '"
                    + training.label() + "' is filled");
        }
        return train(spec, result);
    }

    /**
     * Trains from rows already read — e.g. a point-in-time training set the feature store assembled — using the
     * spec's columns (by name) and everything but its table. Rows are ordered by time, then by their values, so
     * their order in {@code rows} does not matter. Lineage is every table of {@code rows.snapshots()}; to
     * reproduce such a version, re-run the query that produced {@code rows} with those snapshots pinned
     * ({@link #reproduce(ModelSpec, List, TrainingSource)} re-reads the spec's own table).
     */
    public static TrainedModel train(ModelSpec spec, QueryResult rows) {
        requireNonNull(spec, "spec is null");
        requireNonNull(rows, "rows is null");
        ModelSpec.Training training = spec.training();
        TrainingData read = TrainingData.from(rows, training.features(), training.label(), training.timestamp(),
                spec.protectedAttributes());
        TrainingData data = read.select(chronological(read));
        int cut = cut(data.times(), training.split());
        TrainingData trainRows = data.select(IntStream.range(0, cut).toArray());
        TrainingData validationRows = data.select(IntStream.range(cut, data.rows()).toArray());
        check(trainRows, "training", spec);
        check(validationRows, "validation", spec);
        long started = System.nanoTime();
        byte[] model = fit(trainRows, spec.params());
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<String> columns = columns(spec);
        List<InputTable> inputs = new java.util.TreeMap<>(rows.snapshots()).entrySet().stream()
                .map(entry -> new InputTable(TableId.parse(entry.getKey()), entry.getValue(), columns))
                .toList();
        return measure(spec, model, inputs, trainRows, validationRows, millis);
    }

    /** Row indexes by time, then features, then label: one order for the same rows however they arrived. */
    private static int[] chronological(TrainingData data) {
        int width = data.width();
        float[] matrix = data.matrix();
        return IntStream.range(0, data.rows()).boxed().sorted((a, b) -> {
            int order = Long.compare(data.times()[a], data.times()[b]);
            for (int column = 0; order == 0 && column < width; column++) {
                order = Float.compare(matrix[a * width + column], matrix[b * width + column]);
            }
            return order != 0 ? order : Float.compare(data.labels()[a], data.labels()[b]);
        }).mapToInt(Integer::intValue).toArray();
    }

    private static List<String> columns(ModelSpec spec) {
        Set<String> columns = new LinkedHashSet<>(spec.training().features());
        columns.add(spec.training().label());
        columns.add(spec.training().timestamp());
        columns.addAll(spec.protectedAttributes());
        return List.copyOf(columns);
    }

    /** Rows ordered by time, then by every column, so that the order (and so the model) is deterministic. */
    private static String query(ModelSpec spec, List<String> columns) {
        String list = String.join(", ", columns.stream().map(Trainer::quote).toList());
        ModelSpec.Training training = spec.training();
        return "SELECT " + list + " FROM " + training.table() + " WHERE " + quote(training.label())
                + " IS NOT NULL ORDER BY " + quote(training.timestamp()) + ", " + list;
    }

    private static String quote(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    /** The first validation row: rows sharing a timestamp stay on one side. */
    static int cut(long[] times, ModelSpec.Split split) {
        int rows = times.length;
        if (split.validateAfter().isPresent()) {
            long after = split.validateAfter().get().toEpochMilli();
            int cut = 0;
            while (cut < rows && times[cut] < after) {
                cut++;
            }
            return cut;
        }
        int cut = rows - (int) Math.round(rows * split.validationFraction().getAsDouble());
        cut = Math.max(0, Math.min(rows, cut));
        while (cut > 0 && cut < rows && times[cut - 1] == times[cut]) {
            cut--;
        }
        return cut;
    }

    private static void check(TrainingData rows, String side, ModelSpec spec) {
        double positives = 0;
        for (float label : rows.labels()) {
            positives += label;
        }
        if (rows.rows() == 0 || positives == 0 || positives == rows.rows()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The " + side + " rows of model '"
                    + spec.name() + "' (" + rows.rows() + " rows, " + (long) positives + " positive) need both"
                    + " classes", "Move the split (training.split) so both sides hold positive and negative rows");
        }
    }

    /**
     * Boosts trees on the rows and returns the model as XGBoost JSON. Used by training and by the training
     * benchmark.
     */
    public static byte[] fit(TrainingData rows, ModelSpec.Params params) {
        DMatrix matrix = null;
        Booster booster = null;
        try {
            matrix = new DMatrix(rows.matrix(), rows.rows(), rows.width(), Float.NaN);
            matrix.setLabel(rows.labels());
            booster = XGBoost.train(matrix, xgboostParams(params), params.rounds(), Map.of(), null, null);
            return booster.toByteArray("json");
        } catch (XGBoostError e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "XGBoost failed to train: " + e.getMessage(),
                    "Check the params section of the spec", e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    static Map<String, Object> xgboostParams(ModelSpec.Params params) {
        Map<String, Object> values = new HashMap<>();
        values.put("objective", "binary:logistic");
        values.put("tree_method", params.treeMethod());
        values.put("max_depth", params.maxDepth());
        values.put("eta", params.eta());
        values.put("seed", params.seed());
        values.put("min_child_weight", params.minChildWeight());
        values.put("subsample", params.subsample());
        values.put("colsample_bytree", params.colsampleByTree());
        values.put("lambda", params.lambda());
        values.put("nthread", params.threads());
        values.put("verbosity", 0);
        return values;
    }

    private static TrainedModel measure(ModelSpec spec, byte[] model, List<InputTable> inputs, TrainingData train,
            TrainingData validation, long millis) {
        TreeEnsemble ensemble = TreeEnsemble.parse(model, spec.training().features());
        double[] scores = ensemble.scores(validation.matrix(), validation.rows());
        ModelSpec.Costs costs = spec.costs();
        Evaluation evaluation = Evaluation.of(scores, validation.labels(), costs.falsePositive(),
                costs.falseNegative());
        List<Fairness> fairness = new ArrayList<>();
        for (Map.Entry<String, String[]> groups : validation.groups().entrySet()) {
            fairness.add(Fairness.of(groups.getKey(), groups.getValue(), scores, validation.labels(),
                    evaluation.threshold()));
        }
        List<GateResult> gates = gates(spec.gates(), evaluation, fairness);
        List<FeatureImportance> importance = importance(ensemble, validation);
        List<DistributionReference> references = new ArrayList<>();
        int width = train.width();
        for (int feature = 0; feature < width; feature++) {
            double[] values = new double[train.rows()];
            for (int row = 0; row < train.rows(); row++) {
                values[row] = train.matrix()[row * width + feature];
            }
            references.add(DistributionReference.of(train.features().get(feature), values, DRIFT_BINS, DRIFT_SAMPLE,
                    spec.params().seed()));
        }
        references.add(DistributionReference.of(DistributionReference.SCORE, scores, DRIFT_BINS, DRIFT_SAMPLE,
                spec.params().seed()));
        return new TrainedModel(spec, model, inputs, train.rows(), validation.rows(), evaluation, fairness, gates,
                importance, references, millis);
    }

    /**
     * Fewest validation rows the decision must flag for the fairness gates to be judged; with fewer, the gates
     * cannot be measured and fail.
     */
    public static final int MIN_SELECTED = 30;

    /** Checks every gate of the spec: performance on the model, fairness on each protected attribute. */
    static List<GateResult> gates(ModelSpec.Gates gates, Evaluation evaluation, List<Fairness> fairness) {
        List<GateResult> results = new ArrayList<>();
        gates.rocAucMin().ifPresent(limit -> results.add(GateResult.minimum("roc_auc_min", "model", limit,
                evaluation.rocAuc())));
        for (Fairness attribute : fairness) {
            // A decision that flags (almost) nobody treats every group alike and would pass each fairness gate
            // trivially: below MIN_SELECTED flagged validation rows the gates are not measurable, so they fail.
            long selected = attribute.groups().stream().mapToLong(Fairness.GroupMetrics::selected).sum();
            boolean judged = selected >= MIN_SELECTED;
            gates.disparateImpactMin().ifPresent(limit -> results.add(GateResult.minimum("disparate_impact_min",
                    attribute.attribute(), limit, judged ? attribute.disparateImpactRatio() : Double.NaN)));
            gates.demographicParityDifferenceMax().ifPresent(limit -> results.add(GateResult.maximum(
                    "dp_difference_max", attribute.attribute(), limit,
                    judged ? attribute.demographicParityDifference() : Double.NaN)));
            gates.equalOpportunityDifferenceMax().ifPresent(limit -> results.add(GateResult.maximum(
                    "eo_difference_max", attribute.attribute(), limit,
                    judged ? attribute.equalOpportunityDifference() : Double.NaN)));
        }
        return results;
    }

    private static List<FeatureImportance> importance(TreeEnsemble ensemble, TrainingData rows) {
        int width = rows.width();
        int count = Math.min(IMPORTANCE_ROWS, rows.rows());
        double[] sums = new double[width];
        for (int k = 0; k < count; k++) {
            int row = (int) ((long) k * rows.rows() / count);
            double[] phi = ensemble.contributions(rows.row(row));
            for (int feature = 0; feature < width; feature++) {
                sums[feature] += Math.abs(phi[feature]);
            }
        }
        List<FeatureImportance> importance = new ArrayList<>();
        for (int feature = 0; feature < width; feature++) {
            importance.add(new FeatureImportance(rows.features().get(feature), count == 0 ? 0 : sums[feature]
                    / count));
        }
        importance.sort(Comparator.comparingDouble(FeatureImportance::meanAbsoluteShap).reversed()
                .thenComparing(FeatureImportance::feature));
        return importance;
    }
}
