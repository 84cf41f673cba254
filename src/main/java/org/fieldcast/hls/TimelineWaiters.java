package org.fieldcast.hls;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The requests waiting for a timeline that meets their condition. Not thread-safe: its owner (the
 * segmenter, a mirror) calls it under its own lock, the same lock under which it publishes.
 */
final class TimelineWaiters {
    private final List<Waiter> waiters = new ArrayList<>();

    CompletableFuture<Timeline> await(Timeline now, Predicate<Timeline> condition) {
        if (condition.test(now)) {
            return CompletableFuture.completedFuture(now);
        }
        Waiter w = new Waiter(condition, new CompletableFuture<>());
        waiters.add(w);
        return w.future;
    }

    /** Completes the waits the new timeline satisfies, and forgets those their callers gave up. */
    void publish(Timeline t) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future.isDone()) {
                it.remove();
            } else if (w.condition.test(t)) {
                it.remove();
                w.future.complete(t);
            }
        }
    }

    void fail(RuntimeException reason) {
        waiters.forEach(w -> w.future.completeExceptionally(reason));
        waiters.clear();
    }

    private record Waiter(Predicate<Timeline> condition, CompletableFuture<Timeline> future) {
    }
}
