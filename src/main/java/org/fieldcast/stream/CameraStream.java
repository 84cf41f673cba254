package org.fieldcast.stream;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.fieldcast.cluster.OwnershipClaim;
import org.fieldcast.cluster.StreamOwner;
import org.fieldcast.ffmpeg.FfmpegExit;
import org.fieldcast.ffmpeg.StderrTail;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.station.CameraConfig;
/**
 * The supervisor of one camera's live stream and the only owner of its pull.
 * <p>
 * It starts the pull on the first viewer, stops it when viewers have been gone for the idle timeout,
 * and watches it: no frame for the stall timeout (even with the connection open) or an ffmpeg exit
 * means live video is lost. Then the camera's HTTP snapshot stands in ({@link SnapshotFallback}:
 * {@code FALLBACK}, or {@code OFFLINE} when that fails too) and RTSP is retried on a stepped, jittered
 * ladder until frames come back ({@code LIVE}). One {@link PullOutput} lives across those restarts, so
 * attached players go on through a discontinuity. Every callback carries the generation of the run it
 * belongs to; a stale one is ignored. Time comes from the one clock in {@link StreamServices}.
 * <p>
 * In a cluster exactly one node pulls a stream: the one holding its claim
 * ({@link org.fieldcast.cluster.StreamOwnership}), taken when a viewer first asks and held while viewers
 * here or on other nodes watch. Every other node with viewers follows the owner's pull through the
 * relay ({@link StreamRelays}): its output is then the owner's window and its taps get the owner's
 * media. When the owner goes (its claim lapses or is released), a follower with viewers claims the
 * stream and pulls it on, numbering its window on from the one it followed; a node that loses its
 * claim stops its pull at once and follows whoever holds it next.
 */
public final class CameraStream {
    private static final Logger LOG = Logger.getLogger(CameraStream.class.getName());

    private final StreamVariant variant;
    private final StreamSettings settings;
    private final StreamServices services;
    private final Clock clock;
    private final MediaTaps taps = new MediaTaps();
    private final MediaMeter meter;
    /** Views that live as long as the stream (the JPEG transcoders). */
    private final List<StreamTap> views;
    private final Viewers viewers;
    private final SnapshotFallback fallback;
    private final Pulls pulls;
    private final Restarts restarts;
    private final PullRuns runs = new PullRuns();

    private CameraConfig camera;
    private StreamStatus status;
    private PullOutput output;
    /** This node's claim on pulling the stream, while it pulls (a cluster's fencing token). */
    private OwnershipClaim claim;
    /** This node's pull as other nodes follow it. */
    private StreamRelays.Published published;
    /** Another node's pull, followed here; then {@link #output} is its window. */
    private StreamRelays.Followed followed;
    private String lastError;
    private boolean closed;

    /** A camera's main stream. */
    public CameraStream(CameraConfig camera, StreamSettings settings, StreamServices services) {
        this(camera, StreamVariant.MAIN, settings, services);
    }

    /**
     * @param camera  the camera as this stream's pull reads it: for {@link StreamVariant#SUB} its
     *                {@link CameraConfig#substream()}
     * @param variant which of the camera's streams this is; its views are made per variant
     */
    public CameraStream(CameraConfig camera, StreamVariant variant, StreamSettings settings, StreamServices services) {
        this.camera = camera;
        this.variant = variant;
        this.settings = settings;
        this.services = services;
        this.clock = services.clock();
        this.meter = new MediaMeter(() -> nanos(clock));
        this.viewers = new Viewers(clock, settings.idleTimeout());
        this.fallback = new SnapshotFallback(services.scheduler(), settings.fallbackEvery(), clock);
        this.pulls = new Pulls(services.inputs(), services.runs(), settings.pull());
        this.restarts = new Restarts(settings.restarts(), services.scheduler());
        this.status = StreamStatus.idle(clock.instant(), 0);
        taps.attach(meter);
        views = services.taps().stream().map(t -> t.open(camera.id(), variant)).toList();
        views.forEach(taps::attach); // each keeps the last GOP, so a new viewer starts at the last keyframe
    }

    public synchronized CameraConfig camera() {
        return camera;
    }

    public StreamVariant variant() {
        return variant;
    }

    public synchronized StreamStatus status() {
        return status;
    }

    /** A viewer asks for the stream: note the activity and start the pull if it is idle. */
    public synchronized PullOutput watch() {
        return watch(null);
    }

    /** @param viewer a key telling HLS players apart (e.g. address and user agent), or null */
    public synchronized PullOutput watch(String viewer) {
        if (closed) {
            throw new StreamUnavailableException("camera '" + camera.id() + "' was removed");
        }
        if (!camera.enabled()) {
            throw new StreamUnavailableException("camera '" + camera.id() + "' is disabled");
        }
        viewers.watched(viewer);
        if (status.state() == StreamState.IDLE) {
            restarts.reset();
            launch();
        }
        return output;
    }

    /**
     * A viewer that stays connected (MJPEG, WebSocket) holds a lease: the pull runs while any lease is
     * open, and stops after the idle timeout once all are closed.
     */
    public synchronized ViewerLease lease() {
        watch();
        viewers.leased();
        return new ViewerLease(this);
    }

    synchronized void release() {
        viewers.released();
    }

    /**
     * Receives this camera's media as it arrives (init segments and frames), from the running pull
     * and every later one. A tap attached mid-stream gets the current init segment at once and must
     * wait for the next independent fragment before it decodes.
     */
    public void attach(Fmp4StreamParser.Listener tap) {
        taps.attach(tap);
    }

    /**
     * Whether the stream's media carry AAC audio (what {@code /ws/mse} sends to a subscription that asks for
     * audio), as its last run showed: empty before its first init segment, since only the camera's answer tells.
     */
    public Optional<Boolean> audio() {
        return Optional.ofNullable(taps.currentInit()).map(init -> init.tracks().stream()
                .anyMatch(t -> "soun".equals(t.handler()) && t.codec().startsWith("mp4a.40.")));
    }

    public void detach(Fmp4StreamParser.Listener tap) {
        taps.detach(tap);
    }

    /** The current run's media as ffmpeg's pipe delivers it, for tests that play ffmpeg's part. */
    synchronized Fmp4StreamParser.Listener media() {
        return runs.media();
    }

    /** What the health endpoint and the metrics show. */
    public synchronized StreamHealth health() {
        String owner = claim != null && services.ownership().clustered() ? services.ownership().localAddress() : null;
        return StreamHealth.of(camera.id(), status, meter, viewers.count(), restarts.reconnects(), lastError,
                settings.fallbackEvery(), owner);
    }

    /** Whether this node pulls the stream now (it holds its claim): its state is the camera's, for every node. */
    public synchronized boolean pulledHere() {
        return claim != null && status.state() != StreamState.IDLE;
    }

    /** Seconds this camera has shown snapshots instead of live video, over the server's life. */
    public synchronized double secondsInFallback() {
        return fallback.seconds(status.state());
    }

    /** Called every second: stop an unwatched stream, keep an always-on one running, catch stalls. */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        viewers.forgetLeftPlayers();
        boolean running = status.state() != StreamState.IDLE;
        // A start is never cut short for want of a viewer: the request that began it waits for its first
        // output, however long the idle timeout. It ends by itself if it fails (stall or exit).
        boolean starting = status.state() == StreamState.STARTING && followed == null;
        if (running && !starting && !wanted()) {
            stop("no viewer for " + settings.idleTimeout().toSeconds() + " s");
        } else if (!running && camera.alwaysOn() && camera.enabled()) {
            watch();
        } else if (followed != null || (running && claim == null && !runs.running() && services.ownership().clustered())) {
            followOrTakeOver();
        } else if (runs.running() && stalled()) {
            String why = "no frame for " + settings.stallTimeout().toMillis() / 1000.0 + " s";
            runs.end();
            liveVideoLost(why);
        }
    }

    /** The station directory changed this camera: restart only if what the pull uses changed. */
    public synchronized void reconfigure(CameraConfig changed) {
        boolean restart = camera.streamDiffers(changed) || camera.enabled() != changed.enabled();
        camera = changed;
        if (restart && status.state() != StreamState.IDLE) {
            boolean resume = wanted();
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
        views.forEach(StreamTap::close);
    }

    /** True while a process of this stream (its pull or a view's) may still be alive. */
    public synchronized boolean processAlive() {
        return runs.alive() || views.stream().anyMatch(StreamTap::processAlive);
    }

    /** How many stopped runs this stream still holds, for tests: each holds its whole media graph. */
    synchronized int runsHeld() {
        return runs.held();
    }

    /** Kills whatever is left (shutdown, after the grace period). */
    public synchronized void kill() {
        runs.kill();
        views.forEach(StreamTap::kill);
    }

    private void launch() {
        if (!pullsHere()) {
            follow();
            return;
        }
        if (output == null || followed != null) {
            PullOutput before = output;
            output = before == null ? services.outputs().open(camera.id()) : services.outputs().continuing(camera.id(), before);
            if (followed != null) {
                unfollow();
                // Requests held on the followed window ask again, and find this node's, numbered on from it.
                before.failWaiters(new StreamUnavailableException("camera '" + camera.id() + "' is pulled by this node now; ask again"));
            }
        }
        if (published == null && services.ownership().clustered()) {
            published = services.relays().publish(key(), claim.generation(), output);
            taps.attach(published.media());
        }
        MediaFanOut media = runs.begin(output, taps, nanos(clock));
        int gen = runs.generation();
        if (!videoLost()) {
            setStatus(StreamState.STARTING, null); // while video is lost, the fallback state stays on show
        }
        CompletableFuture<?> playable = output.playableFromNextRun(); // asked before this run can write
        try {
            runs.started(pulls.start(camera, gen, media, () -> restartWithAudio(gen), this::onExit));
        } catch (RuntimeException e) {
            // No route through the gateways, or a password that does not decrypt: this run fails with why.
            services.executor().execute(() -> onExit(new FfmpegExit(gen, e, new StderrTail())));
            return;
        }
        playable.thenRun(() -> onLive(gen));
    }

    /** The stream's name on every node of a cluster: its camera and which of its streams. */
    private String key() {
        return camera.id() + "/" + variant.name().toLowerCase(Locale.ROOT);
    }

    /** Viewers here, or on the nodes that follow this node's pull. */
    private boolean wanted() {
        return viewers.wanted(camera) || (published != null && published.followed());
    }

    /** Whether this node may pull the stream: it holds (or now takes) the stream's claim. */
    private boolean pullsHere() {
        if (claim != null && claim.valid()) {
            return true;
        }
        claim = null;
        Optional<OwnershipClaim> taken = services.ownership().claim(key());
        if (taken.isEmpty()) {
            return false;
        }
        OwnershipClaim held = taken.get();
        claim = held;
        held.onLost(() -> claimLost(held));
        return true;
    }

    /**
     * This node may no longer pull (it was cut off from the cluster, or could not renew in time): the pull
     * stops now, before the claim expires for the other nodes; viewers here then follow the next owner.
     */
    private synchronized void claimLost(OwnershipClaim lost) {
        if (lost != claim || closed) {
            return;
        }
        LOG.warning(subject() + ": this node lost its claim on the stream, so it stops pulling it");
        claim = null;
        unpublish();
        runs.end();
        restarts.cancel();
        fallback.stop();
        if (viewers.wanted(camera)) {
            follow();
        } else {
            stop("its claim was lost");
        }
    }

    /** Another node holds the stream: follow its pull, or wait for one to take it. */
    private void follow() {
        if (followed == null) {
            PullOutput before = output;
            followed = services.relays().follow(key(), taps);
            output = followed.output();
            if (before != null) {
                before.failWaiters(new StreamUnavailableException("camera '" + camera.id() + "' is pulled by another node now; ask again"));
            }
            StreamRelays.Followed now = followed;
            // Not on the thread that makes it playable: the relay's delivery holds its own lock there, and
            // this stream's tick, holding this stream's lock, may be telling the relay it watches.
            output.playableFromNextRun().thenRunAsync(() -> onFollowing(now), services.executor());
        }
        if (status.state() == StreamState.IDLE || status.state() == StreamState.LIVE && !output.playable()) {
            setStatus(StreamState.STARTING, null);
        }
    }

    private synchronized void onFollowing(StreamRelays.Followed now) {
        if (followed == now && status.state() != StreamState.LIVE) {
            setStatus(StreamState.LIVE, null);
        }
    }

    /**
     * Every tick while following (or waiting for an owner): tell the owner this node still watches, and
     * take the stream over when no other node holds it any more.
     */
    private void followOrTakeOver() {
        if (followed != null) {
            followed.watching();
        }
        String here = services.ownership().localNode();
        Optional<StreamOwner> owner = services.ownership().owner(key());
        if (owner.isEmpty() || owner.get().node().equals(here)) {
            LOG.info(() -> subject() + ": no other node pulls it; this node tries to");
            launch();
        }
    }

    private void unfollow() {
        if (followed != null) {
            followed.close();
            followed = null;
        }
    }

    private void unpublish() {
        if (published != null) {
            taps.detach(published.media());
            published.close();
            published = null;
        }
    }

    private synchronized void restartWithAudio(int gen) {
        if (!runs.isCurrent(gen) || !runs.running() || closed) {
            return;
        }
        LOG.info(() -> subject() + " sends AAC audio: its pull starts again with it");
        runs.end();
        launch();
    }

    private synchronized void onLive(int gen) {
        if (runs.isCurrent(gen) && runs.running() && status.state() != StreamState.LIVE) {
            restarts.reset();
            fallback.stop();
            setStatus(StreamState.LIVE, null);
        }
    }

    private synchronized void onExit(FfmpegExit exit) {
        if (!runs.isCurrent(exit.generation())) {
            return; // the exit of a run that was already stopped or replaced
        }
        runs.exited();
        String reason = exit.reason();
        LOG.warning(subject() + ": ffmpeg ended: " + reason);
        liveVideoLost(reason);
    }

    private boolean stalled() {
        long start = runs.startNanos();
        long since = meter.lastFrameSince(start);
        long limit = settings.stallTimeout().toNanos() + (since == start ? settings.startGrace().toNanos() : 0);
        return nanos(clock) - since > limit;
    }

    /**
     * Live video is gone: say so ({@code STALLED} until the first snapshot tells FALLBACK from
     * OFFLINE), fetch snapshots meanwhile, and retry RTSP after the ladder's next pause.
     */
    private void liveVideoLost(String reason) {
        lastError = reason;
        if (output != null && !output.playable()) {
            // Viewers waiting for a first segment get the reason now, not after their timeout.
            output.failWaiters(new StreamUnavailableException("camera '" + camera.id() + "': " + reason));
        }
        if (!wanted()) {
            stop("no viewer while failing");
            return;
        }
        if (!videoLost()) {
            setStatus(StreamState.STALLED, "live video lost: " + reason);
        }
        fallback.start(this::pollSnapshot);
        int gen = runs.generation();
        restarts.retryAfterPause(() -> retry(gen));
    }

    private synchronized void retry(int gen) {
        if (!runs.isCurrent(gen) || closed || runs.running()) {
            return;
        }
        if (wanted()) {
            restarts.reconnecting();
            launch();
        } else {
            stop("no viewer while failing");
        }
    }

    private void pollSnapshot() {
        CameraConfig target;
        synchronized (this) {
            if (!fallback.claim()) {
                return;
            }
            target = camera;
        }
        services.snapshots().fetch(target).whenComplete(this::onSnapshot); // outside the lock: it may resolve a route
    }

    private synchronized void onSnapshot(byte[] jpeg, Throwable error) {
        if (!fallback.answered()) {
            return; // live again, or stopped, while the snapshot was on its way
        }
        if (error == null) {
            long now = clock.millis();
            views.forEach(v -> v.onFallbackPicture(jpeg, now));
            setStatus(StreamState.FALLBACK, fallback.showing(lastError));
        } else {
            setStatus(StreamState.OFFLINE, SnapshotFallback.failing(lastError, error));
        }
    }

    private void stop(String why) {
        runs.end();
        restarts.cancel();
        fallback.stop();
        unpublish();
        unfollow();
        if (claim != null) {
            claim.close(); // another node may take the stream at once
            claim = null;
        }
        if (output != null) {
            output.failWaiters(new StreamUnavailableException("stream of camera '" + camera.id() + "' stopped: " + why));
            output = null;
        }
        viewers.forgetPlayers();
        if (status.state() != StreamState.IDLE) {
            LOG.fine(() -> subject() + " stops: " + why);
            fallback.stateChanges(status.state(), StreamState.IDLE);
            status = StreamStatus.idle(clock.instant(), restarts.reconnects());
            services.changes().accept(this);
        }
    }

    /** Who the log speaks of: the camera, and which of its streams when it is the substream. */
    private String subject() {
        return "camera " + camera.id() + (variant == StreamVariant.SUB ? " (substream)" : "");
    }

    private boolean videoLost() {
        StreamState s = status.state();
        return s == StreamState.STALLED || s == StreamState.FALLBACK || s == StreamState.OFFLINE;
    }

    private void setStatus(StreamState state, String reason) {
        if (status.state() == state && Objects.equals(status.reason(), reason)) {
            return;
        }
        fallback.stateChanges(status.state(), state);
        status = new StreamStatus(state, reason, clock.instant(), restarts.reconnects());
        services.changes().accept(this);
    }

    private static long nanos(Clock clock) {
        return ChronoUnit.NANOS.between(Instant.EPOCH, clock.instant());
    }
}
