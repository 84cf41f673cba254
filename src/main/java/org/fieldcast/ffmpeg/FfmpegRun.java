package org.fieldcast.ffmpeg;

import java.util.concurrent.CompletableFuture;

/** One started ffmpeg process: stopped in steps, its exit reported once with its generation. */
public interface FfmpegRun {

    /** Completes once when the process has ended (stopped, failed or finished); never exceptionally. */
    CompletableFuture<FfmpegExit> exit();

    /**
     * Asks ffmpeg to quit ({@code q}: it finishes its output and closes its RTSP session with a TEARDOWN),
     * and kills it, children included, if it is still running after the grace period. Returns at once.
     */
    void stop();

    /** Kills the process and its children now (shutdown, after the grace). */
    void kill();

    /** The last lines of its stderr, credentials removed. */
    StderrTail stderr();

    default boolean alive() {
        return !exit().isDone();
    }
}
