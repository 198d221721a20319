package dev.northstar.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.ml.serving.Score;
import dev.northstar.ml.serving.ScoringService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON bodies of the model routes (scoring, registry, drift). Numbers that are not finite are written as null. */
final class ModelBodies {
    private ModelBodies() {}

    /** A request to score: entity keys by column, request-time fields by feature name. */
    record ScoreRequestBody(Optional<String> requestId, Map<String, Object> entities, Map<String, Object> fields) {}

    /** One reason: a feature, its value (null when missing) and its contribution in log-odds. */
    record ReasonBody(String feature, Double value, double contribution) {}

    /** A score with its decision and reasons. */
    record ScoreBody(String model, int version, String requestId, double score, double threshold, boolean decision,
            List<ReasonBody> reasons, Map<String, Double> features, boolean canary, long latencyUs) {}

    /** A registered model. */
    record ModelSummary(String name, int versions, int latestVersion, Map<String, Integer> aliases) {}

    /** The registered models. */
    record ModelList(List<ModelSummary> models) {}

    /** A version in a model's list. */
    record VersionSummary(int version, String trainer, Instant createdAt, boolean gatesPassed, Double rocAuc,
            double threshold, List<String> approvedBy) {}

    /** A model: its versions, aliases, and what this server scores with now. */
    record ModelDetail(String name, String description, Map<String, Integer> aliases, Map<String, Integer> serving,
            List<VersionSummary> versions) {}

    /** A gate of the spec, checked. */
    record GateBody(String gate, String subject, double limit, Double value, boolean passed) {}

    /** A table read to train, at its snapshot. */
    record InputBody(String table, long snapshotId, List<String> columns) {}

    /** An approval. */
    record ApprovalBody(String name, int version, String approver, Instant approvedAt, String comment) {}

    /** A version with its metrics, fairness report, gates and lineage. */
    record VersionDetail(String name, int version, String description, String trainer, Instant createdAt,
            List<String> features, String label, long trainingRows, long validationRows, long trainingMillis,
            String modelSha256, boolean gatesPassed, List<GateBody> gates, List<InputBody> lineage,
            JsonNode metrics, JsonNode fairness, JsonNode importance, List<ApprovalBody> approvals,
            List<String> aliases) {}

    /** An approval's comment. */
    record ApproveRequest(Optional<String> comment) {}

    /** The alias to point at a version. */
    record PromoteRequest(String alias) {}

    /** What a promotion did. */
    record Promotion(String name, int version, String alias, String promotedBy) {}

    /** Drift of one variable. */
    record DriftBody(String name, long liveCount, Double psi, Double ksStatistic, Double ksPValue,
            List<String> alerts) {}

    /** Drift of the champion's live traffic. */
    record DriftAnswer(String model, int version, int rows, boolean drifted, List<DriftBody> variables) {}

    /** A recent answer of this server. */
    record RecentScore(Instant at, String model, int version, String requestId, Map<String, Object> entities,
            Double amount, double score, boolean decision, List<ReasonBody> reasons) {}

    /** The latest answers, newest first. */
    record RecentList(List<RecentScore> scores) {}

    /** A recent answer as JSON; {@code amount} is the request's {@code amount} field or feature, when it has one. */
    static RecentScore recent(ScoringService.Recent recent) {
        Score score = recent.score();
        return new RecentScore(recent.at(), score.model(), score.version(), score.requestId(),
                recent.request().entities(), amount(recent), score.score(), score.decision(),
                score.reasons().stream().map(reason -> new ReasonBody(reason.feature(), finite(reason.value()),
                        reason.contribution())).toList());
    }

    /** The request's amount: its {@code amount} field, else the scored {@code amount} feature; null without one. */
    static Double amount(ScoringService.Recent recent) {
        Object field = recent.request().fields().get("amount");
        if (field instanceof Number number) {
            return finite(number.doubleValue());
        }
        Double feature = recent.score().features().get("amount");
        return feature == null ? null : finite(feature);
    }

    /** A double, or null when it is NaN or infinite. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * A model's evaluation on live traffic.
     *
     * @param labelled predictions whose label arrived
     * @param rocAuc live ROC-AUC (null before labels, or with a single class)
     * @param prAuc live PR-AUC
     * @param positives labelled positives
     * @param validationRocAuc the version's ROC-AUC on its validation set, to compare
     */
    record LiveEvaluationBody(String model, int version, long labelled, Double rocAuc, Double prAuc, long positives,
            Double validationRocAuc) {}
}
