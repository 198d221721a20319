package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import dev.northstar.ml.scoring.Reason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link ScoreRequest}.
 *
 * @param model the model
 * @param version the version that decided (the champion, or the challenger for canary traffic)
 * @param requestId the request's id
 * @param score the predicted probability
 * @param threshold the version's cost-based decision threshold
 * @param decision whether {@code score >= threshold}
 * @param reasons the three features that moved the score most (TreeSHAP, log-odds)
 * @param features every input as scored, by name (NaN when missing)
 * @param canary whether the challenger decided this request
 * @param latencyMicros time spent scoring, from the request's arrival in the service to its answer
 */
public record Score(String model, int version, String requestId, double score, double threshold, boolean decision,
        List<Reason> reasons, Map<String, Double> features, boolean canary, long latencyMicros) {
    public Score {
        requireNonNull(model, "model is null");
        requireNonNull(requestId, "requestId is null");
        reasons = List.copyOf(reasons);
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }
}
