package org.fieldcast.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.fieldcast.ffmpeg.StderrTail;

/**
 * The camera's HTTP snapshot as the stand-in while live video is lost: polled every interval with
 * one request in flight at most (a slow camera's thin link must not pile requests up), and the time
 * spent showing snapshots ({@code FALLBACK}) counted over the server's life. Guarded by the stream's
 * lock; the stream makes the request itself, outside it.
 */
final class SnapshotFallback {
    private final ScheduledExecutorService scheduler;
    private final Duration every;
    private final Clock clock;
    private ScheduledFuture<?> polling;
    private boolean inFlight;
    private Duration inFallback = Duration.ZERO;
    private Instant fallbackSince;

    SnapshotFallback(ScheduledExecutorService scheduler, Duration every, Clock clock) {
        this.scheduler = scheduler;
        this.every = every;
        this.clock = clock;
    }

    /** Polls at once and then every interval, until {@link #stop}. */
    void start(Runnable poll) {
        if (polling == null) {
            polling = scheduler.scheduleWithFixedDelay(poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void stop() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }

    /** True when a request may go now: polling, and none in flight. It is then in flight. */
    boolean claim() {
        if (polling == null || inFlight) {
            return false;
        }
        inFlight = true;
        return true;
    }

    /** The request came back; false when its answer no longer matters (live again, or stopped). */
    boolean answered() {
        inFlight = false;
        return polling != null;
    }

    String showing(String liveError) {
        return "snapshots every " + every.toMillis() / 1000.0 + " s; live video: " + liveError;
    }

    static String failing(String liveError, Throwable snapshotError) {
        Throwable t = snapshotError;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return "live video: " + liveError + "; snapshot: " + StderrTail.sanitise(String.valueOf(t.getMessage()));
    }

    /** Counts the time in {@code FALLBACK} as the stream's state changes. */
    void stateChanges(StreamState from, StreamState to) {
        if (from == StreamState.FALLBACK && to != StreamState.FALLBACK) {
            inFallback = inFallback.plus(Duration.between(fallbackSince, clock.instant()));
        } else if (from != StreamState.FALLBACK && to == StreamState.FALLBACK) {
            fallbackSince = clock.instant();
        }
    }

    /** Seconds shown as snapshots instead of live video, the current stretch included. */
    double seconds(StreamState now) {
        Duration current = now == StreamState.FALLBACK ? Duration.between(fallbackSince, clock.instant()) : Duration.ZERO;
        return inFallback.plus(current).toNanos() / 1e9;
    }
}
