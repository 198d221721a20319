package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One source event as the online store keeps it: the entity key, the event time and the view's inputs (each a
 * {@code Double}, a {@code String} or null), already computed by DuckDB.
 *
 * @param entity the entity key (key columns as text, joined by {@link OnlineFeatures#KEY_SEPARATOR})
 * @param timeMicros event time, microseconds since the epoch
 * @param inputs the view's inputs, in the view's input order
 */
public record OnlineEvent(String entity, long timeMicros, List<Object> inputs) {
    public OnlineEvent {
        requireNonNull(entity, "entity is null");
        inputs = Collections.unmodifiableList(Arrays.asList(requireNonNull(inputs, "inputs is null").toArray()));
    }
}
