package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to score.
 *
 * @param requestId the caller's id of the request (logged; chooses canary traffic); one is made up when empty
 * @param entities entity key values by column name, e.g. {@code card_id -> 42}: they select the online features of
 *     every feature view the model reads
 * @param fields request-time values by feature name (numbers or booleans; a missing or null one is a missing value)
 */
public record ScoreRequest(Optional<String> requestId, Map<String, Object> entities, Map<String, Object> fields) {
    public ScoreRequest {
        requireNonNull(requestId, "requestId is null");
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(entities, "entities is null")));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    public static ScoreRequest of(Map<String, Object> entities, Map<String, Object> fields) {
        return new ScoreRequest(Optional.empty(), entities, fields);
    }
}
