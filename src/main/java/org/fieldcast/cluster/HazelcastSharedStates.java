package org.fieldcast.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link SharedStates} in one of Hazelcast's maps, with a time to live per entry and an entry listener. */
final class HazelcastSharedStates implements SharedStates {
    private static final Logger LOG = Logger.getLogger(HazelcastSharedStates.class.getName());

    private final IMap<String, String> map;

    HazelcastSharedStates(IMap<String, String> map) {
        this.map = map;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        try {
            map.setAsync(key, value, ttl.toMillis(), TimeUnit.MILLISECONDS); // never wait on the cluster for a state
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "a shared state was not put (the cluster is shutting down or cut off)", e);
        }
    }

    @Override
    public void remove(String key) {
        try {
            map.removeAsync(key);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "a shared state was not removed; it expires by itself", e);
        }
    }

    @Override
    public Map<String, String> all() {
        try {
            return new HashMap<>(map);
        } catch (RuntimeException e) {
            return Map.of(); // cut off: this node shows what it knows itself
        }
    }

    @Override
    public void listen(BiConsumer<String, String> change) {
        map.addEntryListener(new Listener(change), true);
    }

    private record Listener(BiConsumer<String, String> change) implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String>, EntryRemovedListener<String, String>, EntryExpiredListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> e) {
            change.accept(e.getKey(), e.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> e) {
            change.accept(e.getKey(), e.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> e) {
            change.accept(e.getKey(), null);
        }

        @Override
        public void entryExpired(EntryEvent<String, String> e) {
            change.accept(e.getKey(), null);
        }
    }
}
