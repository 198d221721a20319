package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.QueryOptions;
import dev.northstar.ml.ModelSpec;
import dev.northstar.ml.ModelVersion;
import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a model did on live traffic once the labels arrived: its logged, non-shadow predictions (the prediction log,
 * {@code ml.predictions}) joined with a labels table on the request id — e.g. the card processor sends the
 * transaction id as the scoring request's id, and the chargebacks land later in {@code banking.card_transactions} —
 * and evaluated like the validation set (ROC-AUC, PR-AUC, calibration, confusion at the version's threshold costs).
 * The join is a read of both tables through the governed gateway, as the principal asking, for its purpose.
 *
 * @param model the model
 * @param version the version whose predictions were evaluated
 * @param labelled predictions whose label arrived
 * @param evaluation the live evaluation (empty when no label arrived yet)
 * @param query the SQL that read them (for the audit trail)
 * @param read the gateway's answer, with its policy decisions (for the audit trail)
 */
public record LiveEvaluation(String model, int version, long labelled, Optional<Evaluation> evaluation, String query,
        GovernedQuery read) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public LiveEvaluation {
        requireNonNull(model, "model is null");
        requireNonNull(evaluation, "evaluation is null");
    }

    /**
     * Evaluates a version's live predictions against labels that arrived later.
     *
     * @param predictions the prediction log table
     * @param labels the table holding the labels
     * @param key its column whose value is the scoring requests' id
     * @param label its label column (boolean or 0/1; NULL = not arrived)
     */
    public static LiveEvaluation of(SqlGateway gateway, Principal principal, Optional<String> purpose,
            ModelVersion version, TableId predictions, TableId labels, String key, String label) {
        requireNonNull(version, "version is null");
        for (String column : List.of(key, label)) {
            if (!IDENTIFIER.matcher(column).matches()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "'" + column + "' is not a column name",
                        "Name the labels table's key and label columns, e.g. key=txn_id, label=is_fraud");
            }
        }
        if (!MODEL.matcher(version.name()).matches()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "'" + version.name() + "' is not a model name");
        }
        // Identifiers are checked above and table ids admit only [a-z_][a-z0-9_]* parts: safe to place in the text.
        String sql = "SELECT p.score, l." + label + " FROM " + predictions + " p JOIN " + labels + " l ON p.request_id"
                + " = CAST(l." + key + " AS VARCHAR) WHERE p.model = '" + version.name() + "' AND p.version = "
                + version.version() + " AND NOT p.shadow AND l." + label + " IS NOT NULL";
        GovernedQuery read = gateway.query(principal, purpose, sql, QueryOptions.defaults()
                .withMaxRows(Integer.MAX_VALUE));
        List<List<Object>> rows = read.result().rows();
        double[] scores = new double[rows.size()];
        float[] outcomes = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            scores[i] = ((Number) rows.get(i).get(0)).doubleValue();
            Object value = rows.get(i).get(1);
            outcomes[i] = value instanceof Boolean flag ? (flag ? 1 : 0) : ((Number) value).floatValue();
        }
        ModelSpec.Costs costs = version.spec().costs();
        Optional<Evaluation> evaluation = rows.isEmpty() ? Optional.empty()
                : Optional.of(Evaluation.of(scores, outcomes, costs.falsePositive(), costs.falseNegative()));
        return new LiveEvaluation(version.name(), version.version(), rows.size(), evaluation, sql, read);
    }
}
