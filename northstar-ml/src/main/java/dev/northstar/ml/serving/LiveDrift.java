package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import dev.northstar.ml.metrics.DriftReport;

/**
 * Drift of a champion's live traffic against its training references.
 *
 * @param model the model
 * @param version the champion version whose predictions were compared
 * @param rows logged predictions compared (the latest ones); 0 leaves the report empty
 * @param report PSI and KS per feature and for the score, with alerts
 */
public record LiveDrift(String model, int version, int rows, DriftReport report) {
    public LiveDrift {
        requireNonNull(model, "model is null");
        requireNonNull(report, "report is null");
    }
}
