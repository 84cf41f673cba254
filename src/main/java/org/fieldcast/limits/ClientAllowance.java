package org.fieldcast.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How many of one kind of thing (WebSockets, held requests, MJPEG streams, JPEG transcoders) each
 * client address may hold at once. What is held is counted by item: the same item held twice by one
 * client counts once (the same camera and profile in two sockets of one address keeps one transcoder
 * busy, not two), while {@link #acquire(String)} makes every acquisition an item of its own. Memory is
 * bounded by what clients hold: an address that holds nothing has no entry.
 */
public final class ClientAllowance {
    private final String what;
    private final int limit;
    private final Duration retryAfter;
    private final Predicate<String> unlimited;
    /** Client address -> item -> how many grants hold it. Guarded by {@code this}. */
    private final Map<String, Map<Object, Integer>> held = new HashMap<>();

    /**
     * @param what       what is counted, plural, for the refusal ("WebSockets")
     * @param limit      how many items one client may hold, at least 1
     * @param retryAfter how soon a refused client may try again (the usual lifetime of an item)
     * @param unlimited  clients this allowance does not apply to
     */
    public ClientAllowance(String what, int limit, Duration retryAfter, Predicate<String> unlimited) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit of " + what + " must be at least 1: " + limit);
        }
        this.what = what;
        this.limit = limit;
        this.retryAfter = retryAfter;
        this.unlimited = unlimited;
    }

    /** One more of the thing, counted on its own. */
    public Grant acquire(String client) {
        return acquire(client, new Object());
    }

    /**
     * The item for this client; free when the client holds it already.
     *
     * @throws ClientLimitException when the client holds {@code limit} other items
     */
    public Grant acquire(String client, Object item) {
        if (unlimited.test(client)) {
            return new Grant(() -> { });
        }
        synchronized (this) {
            Map<Object, Integer> items = held.computeIfAbsent(client, c -> new HashMap<>());
            Integer holders = items.get(item);
            if (holders == null && items.size() >= limit) {
                if (items.isEmpty()) {
                    held.remove(client);
                }
                throw new ClientLimitException(refusal(), retryAfter);
            }
            items.put(item, holders == null ? 1 : holders + 1);
        }
        return new Grant(() -> release(client, item));
    }

    /** How many items the client holds now. */
    public synchronized int held(String client) {
        Map<Object, Integer> items = held.get(client);
        return items == null ? 0 : items.size();
    }

    /** Clients holding anything, for tests: an address that let go of everything is forgotten. */
    synchronized int clients() {
        return held.size();
    }

    public int limit() {
        return limit;
    }

    /** What a refused client is told. */
    public String refusal() {
        return "at most " + limit + " " + what + " per client address";
    }

    private synchronized void release(String client, Object item) {
        Map<Object, Integer> items = held.get(client);
        Integer holders = items == null ? null : items.get(item);
        if (holders == null) {
            return; // never below zero, whatever the caller does
        }
        if (holders > 1) {
            items.put(item, holders - 1);
        } else {
            items.remove(item);
            if (items.isEmpty()) {
                held.remove(client);
            }
        }
    }

    /** What one acquisition holds until closed; closing it again does nothing. */
    public static final class Grant implements AutoCloseable {
        private final Runnable release;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Grant(Runnable release) {
            this.release = release;
        }

        /**
         * This grant and the next one, released together; when the next cannot be had, this one is
         * released before the refusal is thrown, so a caller never holds half of what it asked for.
         */
        public Grant and(Supplier<Grant> next) {
            Grant other;
            try {
                other = next.get();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            return new Grant(() -> {
                close();
                other.close();
            });
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
