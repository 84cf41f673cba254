package org.fieldcast.mjpeg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.ffmpeg.FfmpegRuns;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;
import org.fieldcast.stream.StreamTap;
/**
 * The JPEG transcoders of one camera, one per profile in use, and their frame hubs. Made by
 * {@link JpegTaps} with the camera's stream, which attaches it as a tap for the life of the stream,
 * sends it the fallback snapshots, and closes it with the stream.
 * <p>
 * A profile's transcoder runs while its hub has viewers, and for {@link #DEFAULT_LINGER} after the last
 * one left (a viewer switching tiles or reloading should not pay for a new process). It is started
 * with the fragments since the last keyframe, so its first picture is the current one rather than
 * one from the next keyframe. When the pull restarts (a new init segment) every transcoder restarts
 * with it; one that dies is restarted after a pause while it has viewers.
 */
public final class JpegTranscoders implements StreamTap {
    private static final Logger LOG = Logger.getLogger(JpegTranscoders.class.getName());
    /** How long a transcoder outlives its last viewer. */
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(5);
    /** Media older than this is not the camera's present: the pull is stopped or restarting. */
    static final long LIVE_WITHIN_NANOS = 1_000_000_000L;
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private final String cameraId;
    private final FfmpegRuns runs;
    private final ScheduledExecutorService scheduler;
    private final Duration linger;
    private final LongSupplier nanos = System::nanoTime;
    private final LatestGop gop = new LatestGop();
    private final Map<String, Channel> channels = new HashMap<>();
    /** Transcoders told to stop that may not have ended yet. */
    private final List<JpegTranscoder> stopping = new ArrayList<>();
    private long lastMediaNanos;
    private boolean closed;

    /** One profile: its hub, and its transcoder while one runs. */
    private static final class Channel {
        final FrameHub hub;
        JpegTranscoder running;
        ScheduledFuture<?> pending; // a linger stop or a restart
        int generation;

        Channel(FrameHub hub) {
            this.hub = hub;
        }
    }

    /**
     * @param runs      starts each transcoder's ffmpeg, and stops it in steps
     * @param scheduler for the linger and restart timers
     * @param linger    how long a transcoder outlives its last viewer
     */
    public JpegTranscoders(String cameraId, FfmpegRuns runs, ScheduledExecutorService scheduler, Duration linger) {
        this.cameraId = cameraId;
        this.runs = runs;
        this.scheduler = scheduler;
        this.linger = linger;
    }

    /** The hub of a profile: subscribing to it is what makes its transcoder run. */
    public synchronized FrameHub hub(JpegProfile profile) {
        return channels.computeIfAbsent(profile.name(),
                name -> new Channel(new FrameHub(cameraId, profile, () -> reconcile(name)))).hub;
    }

    /**
     * Publishes a JPEG obtained elsewhere (the camera's HTTP snapshot while RTSP fails) to the
     * hubs of every profile, so all of this camera's frame viewers see it.
     *
     * @param jpeg        kept and shared: the caller must not change it afterwards
     * @param epochMillis when Fieldcast got it
     */
    @Override
    public void onFallbackPicture(byte[] jpeg, long epochMillis) {
        List<FrameHub> hubs;
        synchronized (this) {
            hubs = channels.values().stream().map(c -> c.hub).toList();
        }
        hubs.forEach(h -> h.publish(jpeg, epochMillis));
    }

    /** Transcoders running now (for tests and metrics). */
    public synchronized int runningTranscoders() {
        return (int) channels.values().stream().filter(c -> c.running != null).count();
    }

    /** True while an ffmpeg of this camera's transcoders may still be alive. */
    @Override
    public synchronized boolean processAlive() {
        stopping.removeIf(t -> !t.alive());
        return !stopping.isEmpty() || channels.values().stream().anyMatch(c -> c.running != null && c.running.alive());
    }

    /** Kills whatever is left (shutdown, after the grace period). */
    @Override
    public synchronized void kill() {
        channels.values().stream().filter(c -> c.running != null).forEach(c -> c.running.kill());
        stopping.forEach(JpegTranscoder::kill);
        stopping.clear();
    }

    @Override
    public synchronized void onInit(InitSegment init) {
        gop.onInit(init);
        lastMediaNanos = nanos.getAsLong();
        for (Channel c : channels.values()) {
            // A new pull run: the old transcoder's stream has ended, and ffmpeg reads one init per run.
            stopTranscoder(c);
            startIfWanted(c);
        }
    }

    @Override
    public synchronized void onFragment(Fragment fragment) {
        long now = nanos.getAsLong();
        gop.onFragment(fragment, now);
        InitSegment init = gop.init();
        if (init == null || fragment.trackId() != init.leadTrack().trackId()) {
            return;
        }
        lastMediaNanos = now;
        for (Channel c : channels.values()) {
            if (c.running != null) {
                c.running.offer(fragment);
            } else {
                startIfWanted(c);
            }
        }
    }

    /** Stops every transcoder of this camera (no orphan ffmpeg). */
    @Override
    public synchronized void close() {
        closed = true;
        channels.values().forEach(this::stopTranscoder);
    }

    /** The number of a hub's viewers crossed zero: start its transcoder, or let it linger and stop. */
    private synchronized void reconcile(String profile) {
        Channel c = channels.get(profile);
        if (c == null || closed) {
            return;
        }
        cancelPending(c);
        if (c.hub.viewers() > 0) {
            startIfWanted(c);
        } else if (c.running != null) {
            c.pending = scheduler.schedule(() -> lingerOver(profile), linger.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void lingerOver(String profile) {
        Channel c = channels.get(profile);
        if (c != null && c.hub.viewers() == 0) {
            stopTranscoder(c);
            c.hub.forgetLatest();
        }
    }

    private void startIfWanted(Channel c) {
        InitSegment init = gop.init();
        long now = nanos.getAsLong();
        if (closed || c.running != null || c.pending != null || c.hub.viewers() == 0 || init == null
                || now - lastMediaNanos > LIVE_WITHIN_NANOS) {
            return; // a stale init would be replaced by the next run's: wait for that one
        }
        TrackInfo video = init.leadTrack();
        if (!video.isVideo() || video.width() <= 0 || video.height() <= 0) {
            return;
        }
        List<Fragment> leadIn = gop.recent(now, LIVE_WITHIN_NANOS);
        TranscoderArguments args = new TranscoderArguments(c.hub.profile(), video.width(), video.height(),
                Math.max(0, leadIn.size() - 1));
        FrameHub hub = c.hub;
        JpegTranscoder t = new JpegTranscoder("jpeg-" + cameraId + "-" + hub.profile().name(), args, init, leadIn,
                jpeg -> hub.publish(jpeg, System.currentTimeMillis()));
        int gen = ++c.generation;
        try {
            t.start(runs, gen, () -> onExit(hub.profile().name(), gen, t));
            c.running = t;
        } catch (RuntimeException e) {
            // Never out of a media callback: the camera stream would detach this tap for good.
            LOG.log(Level.WARNING, "camera " + cameraId + ": cannot start a JPEG transcoder", e);
            c.pending = scheduler.schedule(() -> restart(hub.profile().name()), RESTART_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void onExit(String profile, int gen, JpegTranscoder t) {
        stopping.remove(t);
        Channel c = channels.get(profile);
        if (c == null || gen != c.generation || c.running != t) {
            return; // stopped on purpose, or replaced
        }
        c.running = null;
        LOG.warning(() -> "camera " + cameraId + ": JPEG transcoder (" + profile + ") ended: " + t.stderr());
        if (!closed && c.hub.viewers() > 0) {
            c.pending = scheduler.schedule(() -> restart(profile), RESTART_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void restart(String profile) {
        Channel c = channels.get(profile);
        if (c != null) {
            c.pending = null;
            startIfWanted(c);
        }
    }

    private void stopTranscoder(Channel c) {
        cancelPending(c);
        if (c.running != null) {
            c.generation++;
            c.running.stop();
            stopping.add(c.running);
            c.running = null;
        }
    }

    private static void cancelPending(Channel c) {
        if (c.pending != null) {
            c.pending.cancel(false);
            c.pending = null;
        }
    }
}
