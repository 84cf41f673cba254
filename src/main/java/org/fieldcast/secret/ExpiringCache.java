package org.fieldcast.secret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decrypted values, kept in memory for a short time so that a camera's restarts and requests do not
 * decrypt again each time, and dropped after it so that they do not linger. Never written anywhere.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final Duration lifetime;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The cached value, or a new one from {@code load} (which may throw; nothing is cached then). */
    V get(K key, Function<K, V> load) {
        Instant now = clock.instant();
        entries.values().removeIf(e -> !e.expires().isAfter(now));
        Entry<V> entry = entries.get(key);
        if (entry != null) {
            return entry.value();
        }
        V value = load.apply(key);
        entries.put(key, new Entry<>(value, now.plus(lifetime)));
        return value;
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
