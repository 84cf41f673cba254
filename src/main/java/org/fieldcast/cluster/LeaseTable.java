package org.fieldcast.cluster;

import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The leases in a shared map (Hazelcast's {@code IMap} in a cluster, which is a {@link ConcurrentMap}),
 * changed only by compare-and-set: read, decide ({@link LeaseRules}), write if the value is still the
 * one read, else read again. No lock and no entry processor, so no class of ours runs in the map.
 */
final class LeaseTable {
    /** Writers that keep losing to others give up; the caller treats it as a refusal (or a lost lease). */
    private static final int ATTEMPTS = 8;

    private final ConcurrentMap<String, String> map;
    private final LongSupplier clusterMillis;
    private final long ttlMillis;

    /** @param clusterMillis the cluster's time (Hazelcast's {@code getClusterTime()}), the same on every node */
    LeaseTable(ConcurrentMap<String, String> map, LongSupplier clusterMillis, long ttlMillis) {
        this.map = map;
        this.clusterMillis = clusterMillis;
        this.ttlMillis = ttlMillis;
    }

    Optional<Lease> claim(String key, String node, String address) {
        return write(key, current -> LeaseRules.claim(current, node, address, clusterMillis.getAsLong(), ttlMillis));
    }

    /** @return the renewed lease, empty when it is no longer the holder's */
    Optional<Lease> renew(String key, Lease held) {
        return write(key, current -> LeaseRules.renew(current, held, clusterMillis.getAsLong(), ttlMillis));
    }

    void release(String key, Lease held) {
        write(key, current -> LeaseRules.release(current, held));
    }

    Optional<StreamOwner> owner(String key) {
        return Lease.parse(map.get(key)).filter(l -> l.liveAt(clusterMillis.getAsLong())).map(Lease::owner);
    }

    private Optional<Lease> write(String key, Function<Optional<Lease>, Optional<Lease>> decide) {
        for (int i = 0; i < ATTEMPTS; i++) {
            String old = map.get(key);
            Optional<Lease> next = decide.apply(Lease.parse(old));
            if (next.isEmpty()) {
                return next;
            }
            String value = next.get().format();
            boolean written = old == null ? map.putIfAbsent(key, value) == null : map.replace(key, old, value);
            if (written) {
                return next;
            }
        }
        return Optional.empty();
    }
}
