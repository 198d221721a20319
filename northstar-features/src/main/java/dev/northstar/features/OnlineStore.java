package dev.northstar.features;

import java.time.Duration;
import java.util.List;

/**
 * Where online feature state lives: the recent events of each entity of each view, ordered by event time. Feature
 * values are computed from them at lookup time by {@link OnlineFeatures}, so windows slide with time even without new
 * events and every store gives the same values.
 *
 * <p>Implementations: {@link InMemoryOnlineStore} (embedded default) and {@link RedisOnlineStore}. Thread-safe.
 */
public interface OnlineStore extends AutoCloseable {

    /**
     * Adds events of a view. Each entity keeps the events at most {@code keep} older than its latest event; older ones
     * may be dropped.
     */
    void append(String view, List<OnlineEvent> events, Duration keep);

    /** The events of one entity of a view with {@code fromMicros <= time < toMicros}, oldest first. */
    List<OnlineEvent> events(String view, String entity, long fromMicros, long toMicros);

    /** Removes every event of a view (before a reload from the source table). */
    void clear(String view);

    @Override
    void close();
}
