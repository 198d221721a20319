package dev.northstar.ml.scoring;

import java.util.List;

/**
 * Why a row got its score: the score, the model's expected log-odds over its training data, and the features that
 * moved it most, largest absolute contribution first.
 */
public record Explanation(double score, double expectedMargin, List<Reason> reasons) {
    public Explanation {
        reasons = List.copyOf(reasons);
    }
}
