package org.fieldcast.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A single node owns every stream: a claim is always granted, never lost, and costs a map entry.
 * Generations still count up per claim, so what carries them works the same in both modes.
 */
final class LocalOwnership implements StreamOwnership {
    private final String node;
    private final String address;
    private final AtomicLong generations = new AtomicLong();
    private final Map<String, LocalClaim> held = new ConcurrentHashMap<>();

    LocalOwnership(String node, String address) {
        this.node = node;
        this.address = address;
    }

    @Override
    public String localNode() {
        return node;
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public Optional<OwnershipClaim> claim(String streamKey) {
        return Optional.of(held.computeIfAbsent(streamKey, k -> new LocalClaim(k, generations.incrementAndGet())));
    }

    @Override
    public Optional<StreamOwner> owner(String streamKey) {
        return Optional.ofNullable(held.get(streamKey)).map(c -> new StreamOwner(node, c.generation, address));
    }

    private final class LocalClaim implements OwnershipClaim {
        private final String key;
        private final long generation;
        private volatile boolean open = true;

        LocalClaim(String key, long generation) {
            this.key = key;
            this.generation = generation;
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public boolean valid() {
            return open;
        }

        @Override
        public void onLost(Runnable whenLost) {
            // never lost: only closed by its holder
        }

        @Override
        public void close() {
            open = false;
            held.remove(key, this);
        }
    }
}
