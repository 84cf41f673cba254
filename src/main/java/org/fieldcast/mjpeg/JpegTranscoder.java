package org.fieldcast.mjpeg;

import com.github.kokorin.jaffree.LogLevel;
import com.github.kokorin.jaffree.ffmpeg.PipeOutput;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.fieldcast.ffmpeg.FfmpegCommand;
import org.fieldcast.ffmpeg.FfmpegRun;
import org.fieldcast.ffmpeg.FfmpegRuns;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
/**
 * One ffmpeg run turning one camera's fragments into JPEGs for one profile. Fed by {@link Fmp4Feed},
 * read by a {@link JpegFrameSplitter}; both ends are loopback sockets of this JVM, so the process
 * cannot outlive it. Owned by {@link JpegTranscoders}, which serialises every call.
 */
final class JpegTranscoder {
    /** ffmpeg has ended when Jaffree waits this long: a helper still running has nothing more to do. */
    private static final Duration EXIT_REPORT = Duration.ofSeconds(1);
    /** JPEGs are read in chunks of this size; a 720p picture is around 50 kB. */
    private static final int READ_BUFFER = 256 * 1024;

    private final String context;
    private final TranscoderArguments arguments;
    private final FragmentQueue queue;
    private final Consumer<byte[]> jpegs;
    private FfmpegRun run;
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
    void start(FfmpegRuns runs, int generation, Runnable onExit) {
        FfmpegCommand command = FfmpegCommand.named(context)
                // Errors only: at warning level the demuxer says on every start that the tiny probe could not
                // estimate the frame rate, which nothing here needs.
                .logLevel(LogLevel.ERROR)
                .input(FfmpegCommand.withArguments(new Fmp4Feed(queue), arguments.input()))
                .output(FfmpegCommand.withArguments(PipeOutput.pumpTo(new JpegFrameSplitter(this::deliver), READ_BUFFER),
                        arguments.output()))
                .exitReportedWithin(EXIT_REPORT);
        run = runs.start(command, generation);
        run.exit().thenRun(onExit);
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
    void stop() {
        stopped = true;
        queue.end();
        if (run != null) {
            run.stop();
        }
    }

    void kill() {
        if (run != null) {
            run.kill();
        }
    }

    boolean alive() {
        return run != null && run.alive();
    }

    TranscoderArguments arguments() {
        return arguments;
    }

    /** ffmpeg's last lines, for the log when it ends unexpectedly. */
    List<String> stderr() {
        return run == null ? List.of() : run.stderr().lines();
    }
}
