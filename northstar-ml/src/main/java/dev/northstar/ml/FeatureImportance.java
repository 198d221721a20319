package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

/** Global importance of a feature: the mean absolute SHAP value (log-odds) over the validation rows. */
public record FeatureImportance(String feature, double meanAbsoluteShap) {
    public FeatureImportance {
        requireNonNull(feature, "feature is null");
    }
}
