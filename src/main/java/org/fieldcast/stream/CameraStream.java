package org.fieldcast.stream;

import com.github.kokorin.jaffree.ffmpeg.PipeOutput;
import com.github.kokorin.jaffree.ffmpeg.UrlInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.fieldcast.ffmpeg.AudioPlan;
import org.fieldcast.ffmpeg.FfmpegCommand;
import org.fieldcast.ffmpeg.FfmpegExit;
import org.fieldcast.ffmpeg.FfmpegRun;
import org.fieldcast.ffmpeg.StderrTail;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.gateway.RtspInput;
import org.fieldcast.gateway.RtspInputs;
import org.fieldcast.hls.HlsSegmenter;
import org.fieldcast.hls.Timeline;
import org.fieldcast.mjpeg.JpegTranscoders;
import org.fieldcast.rtp.SdpAudio;
import org.fieldcast.station.AudioMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.VideoMode;
/**
 * The supervisor of one camera's live stream and the only owner of its processes.
 * <p>
 * It starts the pull on the first viewer, stops it when viewers have been gone for the idle timeout,
 * and watches it: no frame for the stall timeout (even with the connection open) or an ffmpeg exit
 * means live video is lost. Then it polls the camera's HTTP snapshot as a stand-in ({@code FALLBACK},
 * or {@code OFFLINE} when that fails too) and retries RTSP on a stepped, jittered ladder until frames
 * come back ({@code LIVE}). One HLS segmenter lives across those restarts, so attached players go on
 * through a discontinuity. Every callback carries the generation of the run it belongs to; a stale
 * one is ignored.
 */
public final class CameraStream {
    private static final Logger LOG = Logger.getLogger(CameraStream.class.getName());
    private static final java.time.Duration EXIT_REPORT = java.time.Duration.ofSeconds(1);
    /** An HLS player polls at least every few seconds; one not seen for this long has left. */
    private static final long HLS_VIEWER_MEMORY_NANOS = 10_000_000_000L;

    private final StreamSettings settings;
    private final StreamServices services;
    /** Where each pull's ffmpeg reads from: a loopback proxy, so its command line holds no credentials. */
    private final RtspInputs inputs;
    private final MediaTaps taps = new MediaTaps();
    private final MediaMeter meter = new MediaMeter(System::nanoTime);
    private final JpegTranscoders jpegs;
    /** Runs told to quit that may not have ended yet; killed at shutdown if they linger. */
    private final List<FfmpegRun> quitting = new ArrayList<>();
    private final Map<String, Long> hlsViewers = new HashMap<>();
    private final Random jitter = new Random();

    private CameraConfig camera;
    private StreamStatus status;
    private HlsSegmenter segmenter;
    private FfmpegRun process;
    private ScheduledFuture<?> pendingRestart;
    private ScheduledFuture<?> fallbackPolling;
    private boolean snapshotInFlight;
    private int generation;
    /** The generation of the run that may feed the taps; read on pump threads. */
    private volatile int feedingGeneration;
    private int failures;
    private int reconnects;
    private String lastError;
    private long runStartNanos;
    private long lastWatchNanos;
    private int leases;
    private boolean closed;
    private long fallbackNanos;
    private long fallbackSinceNanos;

    public CameraStream(CameraConfig camera, StreamSettings settings, StreamServices services, RtspInputs inputs) {
        this.camera = camera;
        this.settings = settings;
        this.services = services;
        this.inputs = inputs;
        this.status = StreamStatus.idle(services.clock().instant(), 0);
        taps.attach(meter);
        jpegs = new JpegTranscoders(camera.id(), services.ffmpegDirectory(), services.executor(), services.scheduler(),
                settings.stopGrace(), JpegTranscoders.DEFAULT_LINGER);
        taps.attach(jpegs); // keeps the last GOP, so a new JPEG viewer starts from the last keyframe, not the next
    }

    public synchronized CameraConfig camera() {
        return camera;
    }

    public synchronized StreamStatus status() {
        return status;
    }

    /** The last lines of ffmpeg's stderr (credentials removed). */
    public synchronized List<String> stderr() {
        return process == null ? List.of() : process.stderr().lines();
    }

    /** A viewer asks for the stream: note the activity and start the pull if it is idle. */
    public synchronized HlsSegmenter watch() {
        return watch(null);
    }

    /** @param viewer a key telling HLS players apart (e.g. address and user agent), or null */
    public synchronized HlsSegmenter watch(String viewer) {
        if (closed) {
            throw new StreamUnavailableException("camera '" + camera.id() + "' was removed");
        }
        if (!camera.enabled()) {
            throw new StreamUnavailableException("camera '" + camera.id() + "' is disabled");
        }
        lastWatchNanos = System.nanoTime();
        if (viewer != null) {
            hlsViewers.put(viewer, lastWatchNanos);
        }
        if (status.state() == StreamState.IDLE) {
            segmenter = new HlsSegmenter(settings.partTarget(), settings.minSegment(), settings.window(), services.clock());
            failures = 0;
            launch();
        }
        return segmenter;
    }

    /**
     * A viewer that stays connected (MJPEG, WebSocket) holds a lease: the pull runs while any lease is
     * open, and stops after the idle timeout once all are closed.
     */
    public synchronized ViewerLease lease() {
        watch();
        leases++;
        return new ViewerLease(this);
    }

    synchronized void release() {
        leases = Math.max(0, leases - 1);
        lastWatchNanos = System.nanoTime();
    }

    /**
     * Receives this camera's media as it arrives (init segments and frames), from the running pull
     * and every later one. A tap attached mid-stream gets the current init segment at once and must
     * wait for the next independent fragment before it decodes.
     */
    public void attach(Fmp4StreamParser.Listener tap) {
        taps.attach(tap);
    }

    public void detach(Fmp4StreamParser.Listener tap) {
        taps.detach(tap);
    }

    /** This camera's JPEG transcoders (MJPEG, WebSocket frames, snapshots). */
    public JpegTranscoders jpegs() {
        return jpegs;
    }

    /** What the health endpoint and the metrics show. */
    public synchronized StreamHealth health() {
        StreamState state = status.state();
        String mode = switch (state) {
            case LIVE -> "live";
            case FALLBACK -> "fallback";
            default -> "none";
        };
        return new StreamHealth(camera.id(), state, mode, status.reason(), status.since(), meter.fps(),
                meter.bitsPerSecond(), meter.lastFrameAgeMillis(), leases + hlsViewers.size(), reconnects, lastError,
                settings.fallbackEvery().toMillis() / 1000.0);
    }

    /** Called every second: stop an unwatched stream, keep an always-on one running, catch stalls. */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        hlsViewers.values().removeIf(seen -> now - seen > HLS_VIEWER_MEMORY_NANOS);
        boolean running = status.state() != StreamState.IDLE;
        if (running && !wanted()) {
            stop("no viewer for " + settings.idleTimeout().toSeconds() + " s");
        } else if (!running && camera.alwaysOn() && camera.enabled()) {
            watch();
        } else if (process != null && stalled(now)) {
            String why = "no frame for " + settings.stallTimeout().toMillis() / 1000.0 + " s";
            endRun();
            liveVideoLost(why);
        }
    }

    /** The station directory changed this camera: restart only if what the pull uses changed. */
    public synchronized void reconfigure(CameraConfig changed) {
        boolean restart = camera.streamDiffers(changed) || camera.enabled() != changed.enabled();
        camera = changed;
        if (restart && status.state() != StreamState.IDLE) {
            boolean resume = camera.enabled() && (camera.alwaysOn() || leases > 0 || recentlyWatched());
            stop("camera reconfigured");
            if (resume) {
                watch();
            }
        }
    }

    /** Stops for good (camera removed, server shutting down). */
    public synchronized void close() {
        stop("closed");
        closed = true;
        jpegs.close();
    }

    /** True while an ffmpeg process of this stream (pull or JPEG transcoder) may still be alive. */
    public synchronized boolean processAlive() {
        quitting.removeIf(run -> !run.alive());
        return (process != null && process.alive()) || !quitting.isEmpty() || jpegs.processAlive();
    }

    /** Kills whatever is left (shutdown, after the grace period). */
    public synchronized void kill() {
        quitting.forEach(FfmpegRun::kill);
        quitting.clear();
        jpegs.kill();
    }

    private void launch() {
        int gen = ++generation;
        feedingGeneration = gen;
        runStartNanos = System.nanoTime();
        HlsSegmenter target = segmenter;
        int segmenterGeneration = target.timeline().generation();
        if (!videoLost()) {
            setStatus(StreamState.STARTING, null); // while video is lost, the fallback state stays on show
        }
        MediaFanOut fanOut = new MediaFanOut(target, taps, () -> feedingGeneration == gen);
        RtspInput input;
        try {
            input = inputs.open(camera);
        } catch (RuntimeException e) {
            // No route through the gateways, or a password that does not decrypt: this run fails with why.
            CompletableFuture.runAsync(() -> onExit(new FfmpegExit(gen, e, new StderrTail())), services.executor());
            return;
        }
        if (camera.videoMode() == VideoMode.COPY) {
            fanOut.takeVideoFrom(input.videoTap()); // the camera's pictures are the ones ffmpeg's init describes
        }
        AudioPlan audio = audioPlan();
        if (camera.audioMode() == AudioMode.AUTO && inputs.audioLastDescribed(camera.id()).isEmpty()) {
            // First sight of this camera since start: its DESCRIBE says whether it sends AAC, and with AAC this
            // run, which has only just asked, makes way at once for one that keeps the audio.
            input.onDescribed(sdp -> SdpAudio.encoding(sdp).filter(SdpAudio::isAac).ifPresent(aac -> restartWithAudio(gen)));
        }
        FfmpegCommand command = FfmpegCommand.named(camera.id())
                .input(FfmpegCommand.withArguments(UrlInput.fromUrl(input.url()), settings.pull().inputArguments()))
                .output(FfmpegCommand.withArguments(PipeOutput.pumpTo(new Fmp4StreamParser(fanOut)).setFormat("mp4"),
                        settings.pull().outputArguments(camera.videoMode(), audio)))
                .overwriteOutput()
                // One that never opened its output (camera unreachable) would otherwise hold the failure back
                // for Jaffree's default 10 s.
                .exitReportedWithin(EXIT_REPORT);
        FfmpegRun started = services.runs().start(command, gen);
        process = started;
        started.exit().thenAccept(exit -> {
            input.failure().ifPresent(exit.stderr()::add); // why the camera did not answer; ffmpeg saw only the proxy's 5XX
            input.close();
            onExit(exit);
        });
        target.await(t -> t.generation() != segmenterGeneration && t.playable() && producedByCurrentRun(t))
                .thenRun(() -> onLive(gen));
    }

    /** AAC is copied when the camera described it last time; other audio only when the station asks for AAC. */
    private AudioPlan audioPlan() {
        return switch (camera.audioMode()) {
            case NONE -> AudioPlan.NONE;
            case AAC -> AudioPlan.AAC;
            case AUTO -> inputs.audioLastDescribed(camera.id()).filter(SdpAudio::isAac).isPresent()
                    ? AudioPlan.COPY : AudioPlan.NONE;
        };
    }

    private synchronized void restartWithAudio(int gen) {
        if (gen != generation || process == null || closed) {
            return;
        }
        LOG.info(() -> "camera " + camera.id() + " sends AAC audio: its pull starts again with it");
        endRun();
        launch();
    }

    private static boolean producedByCurrentRun(Timeline t) {
        return !t.openParts().isEmpty() || t.segments().get(t.segments().size() - 1).generation() == t.generation();
    }

    private synchronized void onLive(int gen) {
        if (gen == generation && process != null && status.state() != StreamState.LIVE) {
            failures = 0;
            stopFallback();
            setStatus(StreamState.LIVE, null);
        }
    }

    private synchronized void onExit(FfmpegExit exit) {
        if (exit.generation() != generation) {
            return; // the exit of a run that was already stopped or replaced
        }
        process = null;
        String reason = exit.reason();
        LOG.warning("camera " + camera.id() + ": ffmpeg ended: " + reason);
        liveVideoLost(reason);
    }

    private boolean stalled(long now) {
        long since = meter.lastFrameSince(runStartNanos);
        long limit = settings.stallTimeout().toNanos() + (since == runStartNanos ? settings.startGrace().toNanos() : 0);
        return now - since > limit;
    }

    /**
     * Live video is gone: say so ({@code STALLED} until the first snapshot tells FALLBACK from
     * OFFLINE), fetch snapshots meanwhile, and retry RTSP after the ladder's next pause.
     */
    private void liveVideoLost(String reason) {
        lastError = reason;
        if (segmenter != null && !segmenter.timeline().playable()) {
            // Viewers waiting for a first segment get the reason now, not after their timeout.
            segmenter.failWaiters(new StreamUnavailableException("camera '" + camera.id() + "': " + reason));
        }
        if (!wanted()) {
            stop("no viewer while failing");
            return;
        }
        if (!videoLost()) {
            setStatus(StreamState.STALLED, "live video lost: " + reason);
        }
        startFallback();
        int gen = generation;
        long pause = settings.restarts().pause(failures++, jitter).toMillis();
        pendingRestart = services.scheduler().schedule(() -> retry(gen), pause, TimeUnit.MILLISECONDS);
    }

    private synchronized void retry(int gen) {
        if (gen != generation || closed || process != null) {
            return;
        }
        if (wanted()) {
            reconnects++;
            launch();
        } else {
            stop("no viewer while failing");
        }
    }

    private void startFallback() {
        if (fallbackPolling == null) {
            long every = settings.fallbackEvery().toMillis();
            fallbackPolling = services.scheduler().scheduleWithFixedDelay(this::pollSnapshot, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    private void stopFallback() {
        if (fallbackPolling != null) {
            fallbackPolling.cancel(false);
            fallbackPolling = null;
        }
    }

    private void pollSnapshot() {
        CameraConfig target;
        synchronized (this) {
            if (snapshotInFlight || fallbackPolling == null) {
                return; // a slow camera: never pile requests up on its thin link
            }
            snapshotInFlight = true;
            target = camera;
        }
        services.snapshots().fetch(target).whenComplete(this::onSnapshot);
    }

    private synchronized void onSnapshot(byte[] jpeg, Throwable error) {
        snapshotInFlight = false;
        if (fallbackPolling == null) {
            return; // live again, or stopped, while the snapshot was on its way
        }
        if (error == null) {
            services.fallbackFrames().publish(camera.id(), jpeg, services.clock().millis());
            setStatus(StreamState.FALLBACK, "snapshots every " + settings.fallbackEvery().toMillis() / 1000.0
                    + " s; live video: " + lastError);
        } else {
            String why = StderrTail.sanitise(String.valueOf(rootCause(error).getMessage()));
            setStatus(StreamState.OFFLINE, "live video: " + lastError + "; snapshot: " + why);
        }
    }

    /** Ends the current run (its exit becomes stale) without touching the rest of the stream. */
    private void endRun() {
        generation++;
        feedingGeneration = generation; // the old run's last fragments reach no tap
        FfmpegRun running = process;
        process = null;
        if (running != null && running.alive()) {
            running.stop();
            quitting.add(running);
        }
    }

    private void stop(String why) {
        endRun();
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
        stopFallback();
        if (segmenter != null) {
            segmenter.failWaiters(new StreamUnavailableException("stream of camera '" + camera.id() + "' stopped: " + why));
            segmenter = null;
        }
        hlsViewers.clear();
        if (status.state() != StreamState.IDLE) {
            LOG.fine(() -> "camera " + camera.id() + " stops: " + why);
            countFallbackTime(StreamState.IDLE);
            status = StreamStatus.idle(services.clock().instant(), reconnects);
            services.changes().accept(this);
        }
    }

    private boolean videoLost() {
        StreamState s = status.state();
        return s == StreamState.STALLED || s == StreamState.FALLBACK || s == StreamState.OFFLINE;
    }

    private boolean wanted() {
        return camera.enabled() && (camera.alwaysOn() || leases > 0 || recentlyWatched());
    }

    private boolean recentlyWatched() {
        return System.nanoTime() - lastWatchNanos < settings.idleTimeout().toNanos();
    }

    private void setStatus(StreamState state, String reason) {
        if (status.state() == state && Objects.equals(status.reason(), reason)) {
            return;
        }
        countFallbackTime(state);
        status = new StreamStatus(state, reason, services.clock().instant(), reconnects);
        services.changes().accept(this);
    }

    private void countFallbackTime(StreamState next) {
        long now = System.nanoTime();
        if (status.state() == StreamState.FALLBACK && next != StreamState.FALLBACK) {
            fallbackNanos += now - fallbackSinceNanos;
        } else if (status.state() != StreamState.FALLBACK && next == StreamState.FALLBACK) {
            fallbackSinceNanos = now;
        }
    }

    /** Seconds this camera has shown snapshots instead of live video, over the server's life. */
    public synchronized double secondsInFallback() {
        long current = status.state() == StreamState.FALLBACK ? System.nanoTime() - fallbackSinceNanos : 0;
        return (fallbackNanos + current) / 1e9;
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
