package org.fieldcast.mjpeg;

import com.github.kokorin.jaffree.LogLevel;
import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResultFuture;
import com.github.kokorin.jaffree.ffmpeg.PipeOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
/**
 * One ffmpeg run turning one camera's fragments into JPEGs for one profile. Fed by {@link Fmp4Feed},
 * read by a {@link JpegFrameSplitter}; both ends are loopback sockets of this JVM, so the process
 * cannot outlive it. Owned by {@link JpegTranscoders}, which serialises every call.
 */
final class JpegTranscoder {
    private static final int STDERR_LINES = 12;
    /** JPEGs are read in chunks of this size; a 720p picture is around 50 kB. */
    private static final int READ_BUFFER = 256 * 1024;

    private final String context;
    private final TranscoderArguments arguments;
    private final FragmentQueue queue;
    private final Consumer<byte[]> jpegs;
    private final Deque<String> stderr = new ArrayDeque<>();
    private FFmpegResultFuture run;
    /** Set on stop: what ffmpeg still writes while it quits is old by the time it arrives. */
    private volatile boolean stopped;

    /**
     * @param leadIn fragments since the last keyframe (may be empty), decoded before the live ones
     * @param jpegs  receives each JPEG, on Jaffree's reader thread
     */
    JpegTranscoder(String context, TranscoderArguments arguments, InitSegment init, List<Fragment> leadIn,
                   Consumer<byte[]> jpegs) {
        this.context = context;
        this.arguments = arguments;
        this.queue = new FragmentQueue(init, leadIn);
        this.jpegs = jpegs;
    }

    /** Starts ffmpeg; {@code onExit} runs when it has ended, however that happened. */
    void start(Path ffmpegDirectory, ExecutorService executor, Runnable onExit) {
        FFmpeg ffmpeg = FFmpeg.atPath(ffmpegDirectory)
                // Errors only: at warning level the demuxer says on every start that the tiny probe could not
                // estimate the frame rate, which nothing here needs.
                .setLogLevel(LogLevel.ERROR)
                .addInput(withArguments(new Fmp4Feed(queue), arguments.input()))
                .addOutput(withArguments(PipeOutput.pumpTo(new JpegFrameSplitter(this::deliver), READ_BUFFER), arguments.output()))
                // ffmpeg has ended when this waits: a helper still running has nothing more to do.
                .setExecutorTimeoutMillis(1000)
                .setContextName(context)
                .setOutputListener(this::keepStderr);
        run = ffmpeg.executeAsync(executor);
        run.toCompletableFuture().whenComplete((result, error) -> onExit.run());
    }

    private void deliver(byte[] jpeg) {
        if (!stopped) {
            jpegs.accept(jpeg);
        }
    }

    void offer(Fragment fragment) {
        queue.offer(fragment);
    }

    /** End of input first (ffmpeg finishes its frame and exits), then its own quit, then a kill after the grace. */
    void stop(ScheduledExecutorService scheduler, Duration grace) {
        stopped = true;
        queue.end();
        FFmpegResultFuture r = run;
        if (r != null && !r.isDone()) {
            r.graceStop();
            scheduler.schedule(() -> {
                if (!r.isDone()) {
                    r.forceStop();
                }
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void kill() {
        if (run != null && !run.isDone()) {
            run.forceStop();
        }
    }

    boolean alive() {
        return run != null && !run.isDone();
    }

    TranscoderArguments arguments() {
        return arguments;
    }

    /** ffmpeg's last lines, for the log when it ends unexpectedly. */
    synchronized List<String> stderr() {
        return List.copyOf(stderr);
    }

    private synchronized void keepStderr(String line) {
        if (stderr.size() == STDERR_LINES) {
            stderr.removeFirst();
        }
        stderr.addLast(line);
    }

    private static <T extends com.github.kokorin.jaffree.ffmpeg.BaseInOut<T>> T withArguments(T inOut, List<String> pairs) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            inOut.addArguments(pairs.get(i), pairs.get(i + 1));
        }
        return inOut;
    }
}
