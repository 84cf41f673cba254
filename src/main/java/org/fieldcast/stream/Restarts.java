package org.fieldcast.stream;

import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The RTSP retries of one stream: the ladder's next pause (failures count up until video is live
 * again), the one pending retry, and how many reconnects were made. Guarded by the stream's lock.
 */
final class Restarts {
    private final RestartLadder ladder;
    private final ScheduledExecutorService scheduler;
    private final Random jitter = new Random();
    private ScheduledFuture<?> pending;
    private int failures;
    private int reconnects;

    Restarts(RestartLadder ladder, ScheduledExecutorService scheduler) {
        this.ladder = ladder;
        this.scheduler = scheduler;
    }

    /** A run failed: retry after the ladder's next pause. */
    void retryAfterPause(Runnable retry) {
        long pause = ladder.pause(failures++, jitter).toMillis();
        pending = scheduler.schedule(retry, pause, TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** Live video (or a start from idle): the next failure starts at the ladder's foot. */
    void reset() {
        failures = 0;
    }

    void reconnecting() {
        reconnects++;
    }

    int reconnects() {
        return reconnects;
    }
}
