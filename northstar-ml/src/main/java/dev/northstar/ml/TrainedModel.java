package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import dev.northstar.ml.metrics.DistributionReference;
import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.ml.metrics.Fairness;
import dev.northstar.ml.scoring.TreeEnsemble;
import java.util.List;

/**
 * The outcome of one training run, before it is registered: the portable model, its lineage and its reports.
 *
 * @param spec what was trained
 * @param modelJson the model in XGBoost's JSON format (Python's {@code xgboost.Booster(model_file=...)} loads it)
 * @param inputs tables read, with their snapshots
 * @param trainingRows rows trained on
 * @param validationRows rows validated on (the latest by time)
 * @param validation metrics on the validation rows, with the cost-minimising threshold
 * @param fairness per protected attribute, on the validation rows at that threshold
 * @param gates every gate of the spec, checked
 * @param importance features by mean |SHAP| on the validation rows, largest first
 * @param references drift references: each feature over the training rows, the score over the validation rows
 * @param trainingMillis wall time of the boosting itself
 */
public record TrainedModel(ModelSpec spec, byte[] modelJson, List<InputTable> inputs, long trainingRows,
        long validationRows, Evaluation validation, List<Fairness> fairness, List<GateResult> gates,
        List<FeatureImportance> importance, List<DistributionReference> references, long trainingMillis) {
    public TrainedModel {
        requireNonNull(spec, "spec is null");
        modelJson = modelJson.clone();
        inputs = List.copyOf(inputs);
        requireNonNull(validation, "validation is null");
        fairness = List.copyOf(fairness);
        gates = List.copyOf(gates);
        importance = List.copyOf(importance);
        references = List.copyOf(references);
    }

    @Override
    public byte[] modelJson() {
        return modelJson.clone();
    }

    /** Whether every gate passed (true when the spec has none). */
    public boolean gatesPassed() {
        return gates.stream().allMatch(GateResult::passed);
    }

    /** The pure-Java scorer of this model. */
    public TreeEnsemble ensemble() {
        return TreeEnsemble.parse(modelJson, spec.training().features());
    }
}
