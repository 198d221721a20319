package dev.northstar.features;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded online store: per view and entity, the entity's events in time order in the JVM's heap. A lookup is a
 * hash lookup and two binary searches under the entity's lock.
 */
public final class InMemoryOnlineStore implements OnlineStore {
    private final Map<String, Map<String, EntityEvents>> views = new ConcurrentHashMap<>();

    @Override
    public void append(String view, List<OnlineEvent> events, Duration keep) {
        Map<String, EntityEvents> entities = views.computeIfAbsent(view, name -> new ConcurrentHashMap<>());
        long keepMicros = keep.toNanos() / 1000;
        for (OnlineEvent event : events) {
            entities.computeIfAbsent(event.entity(), key -> new EntityEvents()).add(event, keepMicros);
        }
    }

    @Override
    public List<OnlineEvent> events(String view, String entity, long fromMicros, long toMicros) {
        Map<String, EntityEvents> entities = views.get(view);
        EntityEvents events = entities == null ? null : entities.get(entity);
        return events == null ? List.of() : events.between(fromMicros, toMicros);
    }

    @Override
    public void clear(String view) {
        views.remove(view);
    }

    @Override
    public void close() {
        views.clear();
    }

    /** One entity's events, sorted by time (equal times in arrival order). */
    private static final class EntityEvents {
        private final ArrayList<OnlineEvent> events = new ArrayList<>();

        synchronized void add(OnlineEvent event, long keepMicros) {
            int position = events.size();
            while (position > 0 && events.get(position - 1).timeMicros() > event.timeMicros()) {
                position--;
            }
            events.add(position, event);
            long oldest = events.get(events.size() - 1).timeMicros() - keepMicros;
            int drop = firstAtOrAfter(oldest);
            if (drop > 0) {
                events.subList(0, drop).clear();
            }
        }

        synchronized List<OnlineEvent> between(long fromMicros, long toMicros) {
            int from = firstAtOrAfter(fromMicros);
            int to = firstAtOrAfter(toMicros);
            return from >= to ? List.of() : new ArrayList<>(events.subList(from, to));
        }

        private int firstAtOrAfter(long micros) {
            int low = 0;
            int high = events.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (events.get(middle).timeMicros() < micros) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }
}
