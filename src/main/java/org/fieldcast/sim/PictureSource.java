package org.fieldcast.sim;

import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResultFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.fieldcast.mjpeg.JpegFrameSplitter;
/**
 * Owns the one ffmpeg process of a simulated camera: starts it, restarts it one second after an
 * unexpected exit while the camera is open, and stops it in steps (quit, bounded wait, kill).
 * A generation counter makes the exit callback of a replaced process harmless.
 */
final class PictureSource implements AutoCloseable {
    static final Duration RESTART_PAUSE = Duration.ofSeconds(1);
    static final Duration GRACEFUL_STOP = Duration.ofSeconds(3);
    static final Duration FORCED_STOP = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(PictureSource.class.getName());

    private final SimulatedCameraSpec spec;
    private final Path ffmpegExecutable;
    private final int rtspPort;
    private final Consumer<byte[]> snapshots;
    private final ExecutorService executor;
    private final Supplier<PtzFrames> ptzFrames;
    private PtzFrames frames; // the running dome picture, or null
    private FFmpegResultFuture running;
    private int generation;
    private boolean open;
    private int restarts;

    PictureSource(SimulatedCameraSpec spec, Path ffmpegExecutable, int rtspPort, Consumer<byte[]> snapshots,
            ExecutorService executor) {
        this(spec, ffmpegExecutable, rtspPort, snapshots, executor, null);
    }

    /** @param ptzFrames makes a fresh dome picture for each run of ffmpeg; null for the test pattern */
    PictureSource(SimulatedCameraSpec spec, Path ffmpegExecutable, int rtspPort, Consumer<byte[]> snapshots,
            ExecutorService executor, Supplier<PtzFrames> ptzFrames) {
        this.ptzFrames = ptzFrames;
        this.spec = spec;
        this.ffmpegExecutable = ffmpegExecutable;
        this.rtspPort = rtspPort;
        this.snapshots = snapshots;
        this.executor = executor;
    }

    synchronized void start() {
        open = true;
        launch();
    }

    synchronized int restarts() {
        return restarts;
    }

    private synchronized void launch() {
        if (!open) {
            return;
        }
        int mine = ++generation;
        FFmpeg ffmpeg;
        if (ptzFrames == null) {
            ffmpeg = PictureCommand.configure(ffmpegAt(ffmpegExecutable), spec, rtspPort, new JpegFrameSplitter(snapshots));
        } else {
            if (frames != null) {
                frames.close(); // the last run's pump, if it still waits for a frame
            }
            frames = ptzFrames.get();
            int[] size = PictureCommand.renderSize(spec);
            ffmpeg = PictureCommand.configurePtz(ffmpegAt(ffmpegExecutable), spec, rtspPort, frames, size[0], size[1],
                    new JpegFrameSplitter(snapshots));
        }
        ffmpeg.setContextName("sim-" + spec.id());
        running = ffmpeg.executeAsync(executor);
        running.toCompletableFuture().whenCompleteAsync((result, failure) -> onExit(mine, failure), executor);
    }

    /** Either the executable itself or, as Jaffree's {@code atPath} takes it, its directory. */
    static FFmpeg ffmpegAt(Path executableOrDirectory) {
        return Files.isDirectory(executableOrDirectory) ? FFmpeg.atPath(executableOrDirectory) : new FFmpeg(executableOrDirectory);
    }

    private void onExit(int exited, Throwable failure) {
        synchronized (this) {
            if (!open || exited != generation) {
                return;
            }
            restarts++;
        }
        LOG.warning(() -> "ffmpeg of simulated camera " + spec.id() + " exited"
                + (failure == null ? "" : ": " + failure.getMessage()) + "; restarting in " + RESTART_PAUSE.toMillis() + " ms");
        synchronized (this) {
            long until = System.nanoTime() + RESTART_PAUSE.toNanos();
            try {
                // wait() rather than sleep: close() notifies, so a closing camera does not wait out the pause.
                for (long left = RESTART_PAUSE.toNanos(); open && left > 0; left = until - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (exited == generation) {
                launch();
            }
        }
    }

    @Override
    public void close() {
        FFmpegResultFuture last;
        synchronized (this) {
            open = false;
            generation++;
            last = running;
            running = null;
            if (frames != null) {
                frames.close();
            }
            notifyAll();
        }
        if (last == null) {
            return;
        }
        last.graceStop(); // ffmpeg's 'q': it tears down its RTSP session and exits
        if (!awaitExit(last, GRACEFUL_STOP)) {
            LOG.warning(() -> "ffmpeg of simulated camera " + spec.id() + " ignored quit; killing it");
            killProcess();
            awaitExit(last, FORCED_STOP);
        }
    }

    private static boolean awaitExit(FFmpegResultFuture future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException exitedWithError) {
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Jaffree's force stop writes to ffmpeg's stdin, which its graceful stop has already closed, so
     * the process is found by its unique publish URL and killed with its children.
     */
    private void killProcess() {
        String marker = PictureCommand.publishUrl(rtspPort);
        ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(marker)).orElse(false))
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
    }
}
