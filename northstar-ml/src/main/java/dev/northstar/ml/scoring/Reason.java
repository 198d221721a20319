package dev.northstar.ml.scoring;

import static java.util.Objects.requireNonNull;

/**
 * One reason for a prediction: a feature, its value in the row (NaN when missing) and how much it moved the score,
 * in log-odds (positive raises the predicted probability).
 */
public record Reason(String feature, double value, double contribution) {
    public Reason {
        requireNonNull(feature, "feature is null");
    }
}
