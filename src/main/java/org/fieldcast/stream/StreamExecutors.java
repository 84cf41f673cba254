package org.fieldcast.stream;

import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;

/**
 * The container-managed executors of the stream feature. A camera pull holds one task for the
 * life of its ffmpeg process (Jaffree waits on it there), so the stream executor must be allowed
 * many concurrent tasks: the container's default executor is sized for short requests.
 */
@ManagedExecutorDefinition(name = StreamExecutors.STREAMS, maxAsync = 1024, hungTaskThreshold = -1)
@ManagedScheduledExecutorDefinition(name = StreamExecutors.TIMERS, maxAsync = 4, hungTaskThreshold = -1)
public final class StreamExecutors {
    public static final String STREAMS = "java:app/concurrent/fieldcast-streams";
    public static final String TIMERS = "java:app/concurrent/fieldcast-timers";

    private StreamExecutors() {
    }
}
