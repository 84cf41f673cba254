package org.fieldcast.stream;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;

/**
 * The container-managed executors of the stream feature.
 * <p>
 * {@link #STREAMS}: a camera pull holds one task for the life of its ffmpeg process (Jaffree waits on
 * it there, and starts reader threads of its own), the RTSP proxy one per connection, so the executor
 * must allow many concurrent tasks, and its threads must end once those tasks do. It is made by
 * {@code payara/post-boot-commands.asadmin} as a cached pool (no core threads, idle ones end after a
 * keep-alive), not by a {@code @ManagedExecutorDefinition}: Payara turns a definition's
 * {@code maxAsync} into the core size as well, and a pool below its core size starts a new thread for
 * every task while others sit idle, and keeps them all for ever (433 threads after 15 minutes of
 * cameras starting and idling).
 * <p>
 * {@link #TIMERS}: four core threads for short timer callbacks; a fixed pool is what it should be.
 */
@ManagedScheduledExecutorDefinition(name = StreamExecutors.TIMERS, maxAsync = 4, hungTaskThreshold = -1)
public final class StreamExecutors {
    /** Made by {@code payara/post-boot-commands.asadmin}, which names its shape. */
    public static final String STREAMS = "concurrent/fieldcast-streams";
    public static final String TIMERS = "java:app/concurrent/fieldcast-timers";

    private StreamExecutors() {
    }
}
