package org.fieldcast.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.fieldcast.ffmpeg.FfmpegCommand;
import org.fieldcast.ffmpeg.FfmpegExit;
import org.fieldcast.ffmpeg.FfmpegRun;
import org.fieldcast.ffmpeg.FfmpegRuns;
import org.fieldcast.ffmpeg.JaffreeRuns;
import org.fieldcast.mjpeg.JpegFrameSplitter;
/**
 * Owns the one ffmpeg process of a simulated camera: starts it, restarts it one second after an
 * unexpected exit while the camera is open, and stops it in steps (quit, bounded wait, kill).
 * A generation counter makes the exit callback of a replaced process harmless.
 */
final class PictureSource implements OnDemandEncoder.Encoder {
    static final Duration RESTART_PAUSE = Duration.ofSeconds(1);
    static final Duration GRACEFUL_STOP = Duration.ofSeconds(3);
    static final Duration FORCED_STOP = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(PictureSource.class.getName());

    private final SimulatedCameraSpec spec;
    private final int instance;
    private final FfmpegRuns runs;
    private final int rtspPort;
    private final Consumer<byte[]> snapshots;
    private final ExecutorService executor;
    private final Supplier<PtzFrames> ptzFrames;
    private PtzFrames frames; // the running dome picture, or null
    private FfmpegRun running;
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
        this(spec, StreamPath.MAIN, ffmpegExecutable, rtspPort, snapshots, executor, ptzFrames);
    }

    /**
     * @param spec      the picture of this instance (the camera's own, or {@link PictureCommand#substream})
     * @param instance  the encoder instance it publishes ({@link StreamPath#MAIN}, {@link StreamPath#SUB})
     * @param snapshots gets the JPEG snapshots; null for none
     */
    PictureSource(SimulatedCameraSpec spec, int instance, Path ffmpegExecutable, int rtspPort, Consumer<byte[]> snapshots,
            ExecutorService executor, Supplier<PtzFrames> ptzFrames) {
        this.ptzFrames = ptzFrames;
        this.spec = spec;
        this.instance = instance;
        this.runs = new JaffreeRuns(ffmpegExecutable, executor, GRACEFUL_STOP);
        this.rtspPort = rtspPort;
        this.snapshots = snapshots;
        this.executor = executor;
    }

    @Override
    public synchronized void start() {
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
        FfmpegCommand command;
        if (ptzFrames == null) {
            command = PictureCommand.configure(spec, rtspPort, instance, jpegSink());
        } else {
            if (frames != null) {
                frames.close(); // the last run's pump, if it still waits for a frame
            }
            frames = ptzFrames.get();
            int[] size = PictureCommand.renderSize(spec);
            command = PictureCommand.configurePtz(spec, rtspPort, instance, frames, size[0], size[1], jpegSink());
        }
        running = runs.start(command, mine);
        running.exit().thenAcceptAsync(this::onExit, executor);
    }

    private JpegFrameSplitter jpegSink() {
        return snapshots == null ? null : new JpegFrameSplitter(snapshots);
    }

    private void onExit(FfmpegExit exit) {
        int exited = exit.generation();
        synchronized (this) {
            if (!open || exited != generation) {
                return;
            }
            restarts++;
        }
        LOG.warning(() -> "ffmpeg of simulated camera " + spec.id() + " exited"
                + ": " + exit.reason() + "; restarting in " + RESTART_PAUSE.toMillis() + " ms");
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
        FfmpegRun last;
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
        last.stop(); // ffmpeg's 'q': it tears down its RTSP session and exits; killed after GRACEFUL_STOP
        if (!awaitExit(last, GRACEFUL_STOP.plus(FORCED_STOP))) {
            LOG.warning(() -> "ffmpeg of simulated camera " + spec.id() + " outlived its kill");
        }
    }

    private static boolean awaitExit(FfmpegRun run, Duration timeout) {
        try {
            run.exit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
}
