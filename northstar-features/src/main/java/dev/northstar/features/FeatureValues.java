package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of one entity of a view as of a time.
 *
 * @param view the view
 * @param entity the entity key values, as text
 * @param asOf the time: only events strictly before it count
 * @param present whether the entity had an event within the view's TTL before {@code asOf}; when not, every value is
 *     its empty-window default (counts and sums 0, the rest null)
 * @param values feature name to value ({@code Long} counts, {@code Double} numbers, {@code String} text, or null), in
 *     the view's order
 */
public record FeatureValues(String view, List<String> entity, Instant asOf, boolean present,
        Map<String, Object> values) {
    public FeatureValues {
        requireNonNull(view, "view is null");
        entity = List.copyOf(entity);
        requireNonNull(asOf, "asOf is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** One feature's value, or null. */
    public Object value(String feature) {
        return values.get(feature);
    }
}
