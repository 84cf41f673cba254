package org.fieldcast.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose tasks run only when the test moves its {@link SettableClock} through
 * {@link #advance}, on the test's thread, in the order they are due. {@code execute} runs a task at the
 * next {@link #runDue()}, as a container executor would run it soon on another thread.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final SettableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    public ManualScheduler(SettableClock clock) {
        this.clock = clock;
    }

    /** Moves the clock forward, running every task that falls due on the way, at its due time. */
    public void advance(Duration by) {
        Instant until = clock.instant().plus(by);
        for (Task next = nextDue(until); next != null; next = nextDue(until)) {
            if (next.due.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next.due));
            }
            next.runOnce();
        }
        clock.advance(Duration.between(clock.instant(), until));
    }

    /** Runs what is due now (tasks handed to {@code execute} included). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks waiting, cancelled ones not counted. */
    public int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }

    private Task nextDue(Instant until) {
        tasks.removeIf(t -> t.cancelled);
        Task first = tasks.stream().min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
        return first == null || first.due.isAfter(until) ? null : first;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, delay, 0, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, initialDelay, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, initialDelay, period, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the code under test");
    }

    private Task add(Runnable command, long delay, long every, TimeUnit unit) {
        Task t = new Task(command, clock.instant().plusNanos(unit.toNanos(delay)), Duration.ofNanos(unit.toNanos(every)), sequence++);
        tasks.add(t);
        return t;
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final Duration every;
        Instant due;
        long order;
        boolean cancelled;
        boolean done;

        Task(Runnable command, Instant due, Duration every, long order) {
            this.command = command;
            this.due = due;
            this.every = every;
            this.order = order;
        }

        void runOnce() {
            if (every.isZero()) {
                tasks.remove(this);
                done = true;
            } else {
                due = clock.instant().plus(every);
                order = sequence++;
            }
            command.run();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            boolean was = !done && !cancelled;
            cancelled = true;
            return was;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
