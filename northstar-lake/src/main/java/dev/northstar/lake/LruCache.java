package dev.northstar.lake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small thread-safe least-recently-used map for the query path's caches. Values are computed outside the lock: two
 * threads missing the same key both compute it, which is harmless for the immutable values kept here.
 */
final class LruCache<K, V> {
    private final Map<K, V> entries;

    LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<V> get(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized int size() {
        return entries.size();
    }
}
