package org.fieldcast.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Small values every node of a cluster sees (a camera's state as its owner reports it): each kept for
 * a while unless put again, so a dead node's values go by themselves. Plain strings, like the leases,
 * so no class of ours crosses the wire. A single node shares nothing.
 */
public interface SharedStates {

    /** Puts a value that lasts {@code ttl} unless put again. */
    void put(String key, String value, Duration ttl);

    void remove(String key);

    /** Every value now, by key. */
    Map<String, String> all();

    /**
     * Calls {@code change} with (key, value) whenever any node puts a value, and with (key, null) when one
     * is removed or expires; on a cluster thread: it must not block.
     */
    void listen(BiConsumer<String, String> change);

    /** A single node's: nothing is shared, nothing is heard. */
    SharedStates NONE = new SharedStates() {
        @Override
        public void put(String key, String value, Duration ttl) {
        }

        @Override
        public void remove(String key) {
        }

        @Override
        public Map<String, String> all() {
            return Map.of();
        }

        @Override
        public void listen(BiConsumer<String, String> change) {
        }
    };
}
