package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A feature view ({@code kind: FeatureView}): features of the entities of a source, each the aggregation of the
 * entity's source events with {@code t - window <= event_time < t} as of a time {@code t}. Parse one with
 * {@link FeatureViewParser}.
 *
 * @param name view name, {@code [a-z][a-z0-9_]*}
 * @param description what the view is for
 * @param entities entity key columns of the source, one or more
 * @param timestamp event-time column of the source
 * @param source the lake table holding the events
 * @param stream the event stream whose events update the online store, if any
 * @param ttl how long after its last event an entity's online values stay present; at least the longest window
 * @param features the features, in order
 */
public record FeatureView(String name, String description, List<String> entities, String timestamp, TableId source,
        Optional<String> stream, Duration ttl, List<Feature> features) {
    public FeatureView {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        entities = List.copyOf(requireNonNull(entities, "entities is null"));
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(source, "source is null");
        requireNonNull(stream, "stream is null");
        requireNonNull(ttl, "ttl is null");
        features = List.copyOf(requireNonNull(features, "features is null"));
        if (entities.isEmpty() || features.isEmpty()) {
            throw new IllegalArgumentException("view " + name + " needs entities and features");
        }
    }

    /** The feature names, in order. */
    public List<String> featureNames() {
        return features.stream().map(Feature::name).toList();
    }

    /** The lake table {@link OfflineFeatures#materialise} writes: {@code features.<name>}. */
    public TableId materialisedTable() {
        return new TableId(OfflineFeatures.DOMAIN, name);
    }
}
