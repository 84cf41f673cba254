package org.fieldcast.cluster;

import java.util.Optional;

/**
 * What a node may write over a stream's lease: pure decisions on the current value and the cluster
 * time, so every case is a unit test. {@link LeaseTable} writes them by compare-and-set.
 */
final class LeaseRules {
    private LeaseRules() {
    }

    /**
     * A new claim: taken when there is no lease, when it expired (a takeover, or after a release), or
     * when it is this node's own (one it stopped holding, e.g. after self-fencing). Never over another
     * node's live lease. A new claim always takes the next generation, so whatever the previous holder
     * still sends is recognisably older.
     */
    static Optional<Lease> claim(Optional<Lease> current, String node, String address, long now, long ttlMillis) {
        if (current.isPresent() && current.get().liveAt(now) && !current.get().node().equals(node)) {
            return Optional.empty();
        }
        long generation = current.map(Lease::generation).orElse(0L) + 1;
        return Optional.of(new Lease(node, generation, now + ttlMillis, address));
    }

    /**
     * A renewal: only of the holder's own lease, same generation, while it has not expired. An expired
     * lease is lost even if nobody took it yet: its holder's timer has stopped the pull by then, and a
     * survivor may be taking it at this moment.
     */
    static Optional<Lease> renew(Optional<Lease> current, Lease held, long now, long ttlMillis) {
        return current.filter(c -> c.heldBy(held.node(), held.generation()) && c.liveAt(now))
                .map(c -> new Lease(c.node(), c.generation(), now + ttlMillis, c.address()));
    }

    /** A release: the holder's own lease becomes expired at once, keeping its generation. */
    static Optional<Lease> release(Optional<Lease> current, Lease held) {
        return current.filter(c -> c.heldBy(held.node(), held.generation()))
                .map(c -> new Lease(c.node(), c.generation(), 0, c.address()));
    }
}
