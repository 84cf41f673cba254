package org.fieldcast.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stream ownership in a cluster: claims are leases in the shared map ({@link LeaseTable}), renewed by
 * {@link #renewAll} every renew interval, and each claim's own deadline, on this node's monotonic
 * clock, decides when it is lost ({@link #fenceOverdue}). The split rule (package-info): a claim is
 * valid until its last successful renewal's start plus the lease time minus a safety margin, and only
 * while this node sees a quorum; others may take it only after the lease time, so the holder stops
 * first. A renewal that hangs (the map unreachable) holds no claim alive: the deadline is a clock
 * comparison, and the fence runs on its own timer task.
 * <p>
 * No thread of its own: the caller schedules {@link #renewAll} and {@link #fenceOverdue}; the lost
 * callbacks and releases run on the given executor.
 */
final class Leases implements StreamOwnership {
    private static final Logger LOG = Logger.getLogger(Leases.class.getName());
    /** A gap between fence runs (every 100 ms) that means the process was paused. */
    static final Duration PAUSE = Duration.ofSeconds(1);

    private final LeaseTable table;
    private final Membership membership;
    private final String node;
    private final String address;
    private final long holdNanos;
    private final LongSupplier nanoTime;
    private final Executor service;
    private final Map<String, Claim> held = new ConcurrentHashMap<>();
    private volatile long lastFenceNanos;
    private volatile long claimsRefusedUntilNanos;
    /** One claim attempt per stream at a time on this node: two would each take a generation of their own. */
    private final Map<String, Object> claiming = new ConcurrentHashMap<>();

    /**
     * @param hold     how long a successful renewal keeps a claim valid here: the lease time minus the
     *                 safety margin, so this node stops before the lease expires for the others
     * @param nanoTime this node's monotonic clock
     * @param service  where lost callbacks and releases run
     */
    Leases(LeaseTable table, Membership membership, String node, String address, Duration hold, LongSupplier nanoTime,
           Executor service) {
        this.table = table;
        this.membership = membership;
        this.node = node;
        this.address = address;
        this.holdNanos = hold.toNanos();
        this.nanoTime = nanoTime;
        this.service = service;
        this.lastFenceNanos = nanoTime.getAsLong();
        this.claimsRefusedUntilNanos = lastFenceNanos;
    }

    @Override
    public String localAddress() {
        return address;
    }

    @Override
    public String localNode() {
        return node;
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public Optional<OwnershipClaim> claim(String streamKey) {
        synchronized (claiming.computeIfAbsent(streamKey, k -> new Object())) {
            return claimAlone(streamKey);
        }
    }

    private Optional<OwnershipClaim> claimAlone(String streamKey) {
        Claim current = held.get(streamKey);
        if (current != null && current.valid()) {
            return Optional.of(current);
        }
        long started = nanoTime.getAsLong(); // before the majority answers: the claim's deadline counts from here
        if (!membership.quorum() || started - claimsRefusedUntilNanos < 0 || !membership.reachesMajority()) {
            return Optional.empty();
        }
        Optional<Lease> lease = table.claim(streamKey, node, address);
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        Claim claim = new Claim(streamKey, lease.get(), started + holdNanos);
        Claim replaced = held.put(streamKey, claim);
        if (replaced != null) {
            replaced.lose(); // it was no longer valid; its holder learns it now, if it has not yet
        }
        return Optional.of(claim);
    }

    @Override
    public Optional<StreamOwner> owner(String streamKey) {
        return table.owner(streamKey);
    }

    /** One renewal round: every held claim renewed, or lost when this node has no quorum or the lease is not its own any more. */
    void renewAll() {
        List<Claim> claims = List.copyOf(held.values());
        if (claims.isEmpty()) {
            return;
        }
        // Asked first, once a round: a node whose member list still shows a majority but which cannot reach one
        // (the first seconds of a split) renews nothing, so its claims end by their deadlines, before the
        // leases expire for the majority. Every deadline of the round counts from before the question.
        long round = nanoTime.getAsLong();
        boolean reached = membership.quorum() && membership.reachesMajority();
        for (Claim claim : claims) {
            if (!claim.valid() || !membership.quorum()) {
                claim.lose();
                continue;
            }
            if (!reached) {
                continue; // not lost yet: its deadline decides, as for a renewal that hangs
            }
            long started = round;
            try {
                claim.renew(started);
            } catch (RuntimeException e) {
                // The map is unreachable or the call timed out: the claim's deadline decides, not this error.
                LOG.log(Level.FINE, "renewal of " + claim.key + " failed", e);
            }
        }
    }

    /**
     * Loses every claim whose deadline has passed; run often (every 100 ms), apart from the renewals.
     * A gap between two runs longer than {@link #PAUSE} means this process stood still (SIGSTOP, a long
     * collection, a starved machine): its member list is then as old as the pause, and shows a quorum
     * it may no longer have, so it claims nothing new for the hold time plus a second, while the heartbeats
     * bring its view up to date.
     */
    void fenceOverdue() {
        long now = nanoTime.getAsLong();
        long sinceLast = now - lastFenceNanos;
        if (sinceLast > PAUSE.toNanos()) {
            claimsRefusedUntilNanos = now + holdNanos + PAUSE.toNanos();
            LOG.warning(() -> "this node stood still for " + Duration.ofNanos(sinceLast).toMillis()
                    + " ms: no new stream claims for a lease time");
        }
        lastFenceNanos = now;
        held.values().stream().filter(c -> !c.valid()).toList().forEach(Claim::lose);
    }

    /** Releases every claim (shutdown); their holders are not called. */
    void releaseAll() {
        List.copyOf(held.values()).forEach(Claim::close);
    }

    int claimsHeld() {
        return held.size();
    }

    private enum State { HELD, LOST, CLOSED }

    private final class Claim implements OwnershipClaim {
        private final String key;
        private volatile Lease lease;
        private volatile long validUntilNanos;
        private State state = State.HELD; // guarded by this, held only briefly: valid() never waits on the map
        private final Object writes = new Object(); // one map write of this claim at a time
        private final List<Runnable> whenLost = new ArrayList<>(); // guarded by this

        Claim(String key, Lease lease, long validUntilNanos) {
            this.key = key;
            this.lease = lease;
            this.validUntilNanos = validUntilNanos;
        }

        @Override
        public long generation() {
            return lease.generation();
        }

        @Override
        public boolean valid() {
            synchronized (this) {
                if (state != State.HELD) {
                    return false;
                }
            }
            return nanoTime.getAsLong() - validUntilNanos < 0 && membership.quorum();
        }

        /** Renews the lease; the new deadline counts from {@code started}, the moment before the call. */
        void renew(long started) {
            Optional<Lease> renewed;
            synchronized (writes) { // a release waits for a renewal in flight, so it is never overwritten by one
                synchronized (this) {
                    if (state != State.HELD) {
                        return;
                    }
                }
                renewed = table.renew(key, lease);
                renewed.ifPresent(l -> lease = l);
            }
            if (renewed.isEmpty()) {
                lose(); // taken over, or expired before this renewal reached the map
            } else if (membership.quorum() && nanoTime.getAsLong() - validUntilNanos < 0) {
                validUntilNanos = started + holdNanos;
            }
        }

        void lose() {
            List<Runnable> callbacks;
            synchronized (this) {
                if (state != State.HELD) {
                    return;
                }
                state = State.LOST;
                callbacks = List.copyOf(whenLost);
                whenLost.clear();
            }
            held.remove(key, this);
            LOG.info(() -> "lease on " + key + " (generation " + lease.generation() + ") lost");
            service.execute(() -> callbacks.forEach(Claim::runQuietly));
        }

        @Override
        public void onLost(Runnable callback) {
            synchronized (this) {
                if (state == State.HELD) {
                    whenLost.add(callback);
                    return;
                }
                if (state == State.CLOSED) {
                    return;
                }
            }
            service.execute(() -> runQuietly(callback));
        }

        @Override
        public void close() {
            synchronized (this) {
                if (state != State.HELD) {
                    return;
                }
                state = State.CLOSED;
                whenLost.clear();
            }
            held.remove(key, this);
            try {
                service.execute(this::release);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // The application is stopping (a rolling restart): release here, so another node takes the
                // stream over at its next tick rather than after the lease expires.
                release();
            }
        }

        private void release() {
            synchronized (writes) {
                try {
                    table.release(key, lease);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "release of " + key + " failed; the lease expires by itself", e);
                }
            }
        }

        private static void runQuietly(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a lost-lease callback failed", e);
            }
        }
    }
}
