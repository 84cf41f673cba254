package org.fieldcast.stream;

import java.util.ArrayList;
import java.util.List;
import org.fieldcast.ffmpeg.FfmpegRun;

/**
 * A stream's ffmpeg runs: the current one, numbered by generation so that whatever an older run still
 * reports (its exit, its first playable output, its last fragments) is recognised and ignored, and
 * those told to quit that may not have ended yet. Owned by one {@link CameraStream}, which serialises
 * every call; only the fan-out's check of the feeding generation runs on pump threads.
 */
final class PullRuns {
    /** Runs told to quit that may not have ended yet; killed at shutdown if they linger. */
    private final List<FfmpegRun> quitting = new ArrayList<>();
    private FfmpegRun current;
    private MediaFanOut media;
    private int generation;
    /** The generation of the run that may feed the output and taps; read on pump threads. */
    private volatile int feeding;
    private long startNanos;

    /** Numbers a new run; only its media passes the fan-out returned. */
    MediaFanOut begin(PullOutput output, MediaTaps taps, long nowNanos) {
        int gen = ++generation;
        feeding = gen;
        startNanos = nowNanos;
        media = new MediaFanOut(output, taps, () -> feeding == gen);
        return media;
    }

    void started(FfmpegRun run) {
        current = run;
    }

    int generation() {
        return generation;
    }

    boolean isCurrent(int gen) {
        return gen == generation;
    }

    /** Whether the current run's process was started and has not been reported gone. */
    boolean running() {
        return current != null;
    }

    /** The current run ended by itself. */
    void exited() {
        current = null;
    }

    long startNanos() {
        return startNanos;
    }

    MediaFanOut media() {
        return media;
    }

    /** Ends the current run: its callbacks become stale, its last fragments reach nobody, ffmpeg is told to quit. */
    void end() {
        generation++;
        feeding = generation;
        FfmpegRun running = current;
        current = null;
        // Runs that have ended leave the list here, not only at shutdown: a run holds its whole media graph
        // (pipe, fan-out, the HLS window it fed), and a camera that starts and idles out all day has many.
        quitting.removeIf(run -> !run.alive());
        if (running != null && running.alive()) {
            running.stop(); // ffmpeg's own quit first: it closes the RTSP session with a TEARDOWN
            quitting.add(running);
        }
    }

    /** True while the current run or one told to quit may still be alive. */
    boolean alive() {
        quitting.removeIf(run -> !run.alive());
        return (current != null && current.alive()) || !quitting.isEmpty();
    }

    /** Kills the runs still quitting (shutdown, after the grace period). */
    void kill() {
        quitting.forEach(FfmpegRun::kill);
        quitting.clear();
    }

    /** How many stopped runs are still held: each holds its whole media graph. */
    int held() {
        return quitting.size();
    }
}
