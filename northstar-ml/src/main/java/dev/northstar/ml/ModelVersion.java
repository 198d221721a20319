package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.ml.metrics.Fairness;
import java.time.Instant;
import java.util.List;

/**
 * A registered model version (without its model bytes, which {@link ModelRegistry#modelJson} reads).
 *
 * @param name model name
 * @param version 1, 2, 3... per model
 * @param spec the spec it was trained from
 * @param trainer who trained and registered it
 * @param createdAt when it was registered
 * @param inputs lineage: tables and the snapshots read
 * @param trainingRows rows trained on
 * @param validationRows rows validated on
 * @param validation validation metrics and the decision threshold
 * @param fairness per protected attribute
 * @param gates every gate of the spec, checked
 * @param importance features by mean |SHAP|, largest first
 * @param trainingMillis wall time of boosting
 * @param modelSha256 hex SHA-256 of the XGBoost JSON model
 */
public record ModelVersion(String name, int version, ModelSpec spec, String trainer, Instant createdAt,
        List<InputTable> inputs, long trainingRows, long validationRows, Evaluation validation,
        List<Fairness> fairness, List<GateResult> gates, List<FeatureImportance> importance, long trainingMillis,
        String modelSha256) {
    public ModelVersion {
        requireNonNull(name, "name is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(trainer, "trainer is null");
        requireNonNull(createdAt, "createdAt is null");
        inputs = List.copyOf(inputs);
        requireNonNull(validation, "validation is null");
        fairness = List.copyOf(fairness);
        gates = List.copyOf(gates);
        importance = List.copyOf(importance);
        requireNonNull(modelSha256, "modelSha256 is null");
    }

    /** Whether every gate passed (true when the spec has none). */
    public boolean gatesPassed() {
        return gates.stream().allMatch(GateResult::passed);
    }

    /** {@code name:version}, as the CLI and the audit log name it. */
    public String reference() {
        return name + ":" + version;
    }
}
