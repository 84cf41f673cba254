package org.fieldcast.hls;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Another node's HLS window, as its relay brings it: the owner's timelines, applied here one
 * {@link TimelineDelta} at a time, so that this node's playlists, parts and blocking reloads are the
 * owner's, name for name and number for number. Written by one thread (the relay's delivery), read
 * by the servlet like a segmenter.
 */
public final class HlsMirror implements HlsWindow {
    private final TimelineWaiters waiters = new TimelineWaiters();
    private volatile Timeline timeline;

    public HlsMirror(double partTarget) {
        timeline = Timeline.empty(partTarget);
    }

    /**
     * Applies the owner's next change (or a whole timeline), and answers the requests it satisfies.
     *
     * @throws TimelineDelta.MissingBase when the change is to a timeline this mirror does not hold
     */
    public synchronized Timeline apply(TimelineDelta delta) {
        Timeline next = delta.applyTo(timeline);
        timeline = next;
        waiters.publish(next);
        return next;
    }

    @Override
    public Timeline timeline() {
        return timeline;
    }

    @Override
    public synchronized CompletableFuture<Timeline> await(Predicate<Timeline> condition) {
        return waiters.await(timeline, condition);
    }

    @Override
    public synchronized void failWaiters(RuntimeException reason) {
        waiters.fail(reason);
    }
}
