package org.fieldcast.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time limits of held requests (HLS blocking reloads, a snapshot waiting for a frame), all kept in one
 * queue per servlet and expired by one periodic sweep.
 * <p>
 * One timer per held request on the container's scheduler cost a fifth of the server's CPU with 500
 * LL-HLS viewers: Payara captures the thread context of every task it schedules, through a
 * ServiceLoader lookup in the application's class loader. An entry here costs a queue insert. A
 * request answered in time leaves a small entry behind until the deadline; expiring it then does nothing.
 */
public final class HeldRequestDeadlines {
    /** How often the sweep runs; a held request may overstay its wait by this much. */
    static final Duration SWEEP = Duration.ofMillis(100);

    private final DelayQueue<Deadline> queue = new DelayQueue<>();
    private ScheduledFuture<?> sweep;
    private boolean stopped;

    /** Unswept: tests call {@link #expire()} themselves. */
    HeldRequestDeadlines() {
    }

    /** Deadlines swept on {@code scheduler} (a servlet's, from its {@code init()}) until {@link #stop()}. */
    public static HeldRequestDeadlines sweptOn(ScheduledExecutorService scheduler) {
        HeldRequestDeadlines deadlines = new HeldRequestDeadlines();
        long every = SWEEP.toMillis();
        deadlines.sweep = scheduler.scheduleAtFixedRate(deadlines::expire, every, every, TimeUnit.MILLISECONDS);
        return deadlines;
    }

    /** Ends the sweep (the servlet's {@code destroy()}); a sweep under way finishes before this returns. */
    public synchronized void stop() {
        stopped = true;
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** After {@code wait}, {@code held} completes with a {@link TimeoutException} unless it completed before. */
    public void add(CompletableFuture<?> held, Duration wait) {
        // The queue keeps only this go-between, never the request's answer (a playlist's timeline, which
        // holds parts): once the request is answered the go-between completes and lets go of it.
        CompletableFuture<Void> expiry = new CompletableFuture<>();
        expiry.whenComplete((nothing, timeout) -> {
            if (timeout != null) {
                held.completeExceptionally(timeout);
            }
        });
        held.whenComplete((answer, failure) -> expiry.complete(null));
        queue.add(new Deadline(System.nanoTime() + wait.toNanos(), expiry));
    }

    /** Times out every request whose wait is over. */
    synchronized void expire() {
        // Synchronized with stop(): cancelling a periodic task does not end a run already under way.
        if (stopped) {
            return;
        }
        for (Deadline d; (d = queue.poll()) != null; ) {
            d.expiry.completeExceptionally(new TimeoutException());
        }
    }

    int size() {
        return queue.size();
    }

    private record Deadline(long atNanos, CompletableFuture<Void> expiry) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNanos, ((Deadline) other).atNanos);
        }
    }
}
