package dev.northstar.ml.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.ml.scoring.Reason;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the prediction log. Entities, features and reasons are JSON text, so the table's schema does not depend
 * on the models it logs; a missing feature value is JSON null.
 */
record PredictionRow(String model, int version, String requestId, Instant scoredAt, Map<String, Object> entities,
        List<String> featureNames, float[] features, double score, boolean decision, double threshold,
        List<Reason> reasons, long latencyMicros, boolean shadow, boolean canary) {
    private static final ObjectMapper JSON = new ObjectMapper();

    void write(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("model", model);
        out.writeNumberField("version", version);
        out.writeStringField("request_id", requestId);
        out.writeStringField("scored_at", scoredAt.toString());
        out.writeStringField("entities", JSON.writeValueAsString(entities));
        out.writeStringField("features", featuresJson(featureNames, features));
        out.writeNumberField("score", score);
        out.writeBooleanField("decision", decision);
        out.writeNumberField("threshold", threshold);
        out.writeStringField("reasons", reasonsJson(reasons));
        out.writeNumberField("latency_us", latencyMicros);
        out.writeBooleanField("shadow", shadow);
        out.writeBooleanField("canary", canary);
        out.writeEndObject();
    }

    static String featuresJson(List<String> names, float[] values) {
        StringBuilder json = new StringBuilder(names.size() * 24).append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(json, names.get(i)).append(':');
            json.append(!Float.isFinite(values[i]) ? "null" : Float.toString(values[i]));
        }
        return json.append('}').toString();
    }

    static String reasonsJson(List<Reason> reasons) {
        StringBuilder json = new StringBuilder(reasons.size() * 64).append('[');
        for (int i = 0; i < reasons.size(); i++) {
            Reason reason = reasons.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"feature\":");
            quote(json, reason.feature()).append(",\"value\":")
                    .append(Double.isNaN(reason.value()) ? "null" : Double.toString(reason.value()))
                    .append(",\"contribution\":").append(reason.contribution()).append('}');
        }
        return json.append(']').toString();
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        try {
            return json.append(JSON.writeValueAsString(text));
        } catch (IOException e) {
            throw new IllegalStateException("A string is always JSON", e);
        }
    }
}
