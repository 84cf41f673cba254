package org.fieldcast.stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.camera.CameraHttp;
import org.fieldcast.cluster.SharedStates;
import org.fieldcast.cluster.StreamOwnership;
import org.fieldcast.ffmpeg.FfmpegRuns;
import org.fieldcast.ffmpeg.PullProfile;
import org.fieldcast.gateway.CameraAccess;
import org.fieldcast.gateway.RtspInputs;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.StationsChanged;
import org.fieldcast.station.UnknownCameraException;
/**
 * All camera streams of this server: one {@link CameraStream} per camera, and a second one for a
 * camera's substream ({@link StreamVariant}), created on first use, reconfigured or closed when the
 * station directory changes, ticked every second, and all stopped at shutdown so no ffmpeg outlives
 * the application. Health (the API's state, {@code /ws/health}, the per-camera metrics) is the main
 * stream's; a substream's changes go out as {@link SubstreamHealth}.
 */
@ApplicationScoped
public class CameraStreams {
    private static final Logger LOG = Logger.getLogger(CameraStreams.class.getName());
    /** How long a camera's shared state lives unless its owner reports it again. */
    private static final Duration SHARED_FOR = Duration.ofSeconds(15);
    /** The owner reports its cameras' states again every so many ticks (seconds). */
    private static final int SHARE_EVERY_TICKS = 5;

    /** How long after the last viewer request a camera's pull stops. */
    @Inject
    @ConfigProperty(name = "fieldcast.stream.idle-timeout", defaultValue = "PT30S")
    Duration idleTimeout;

    /**
     * Pauses between RTSP retries while live video is lost: a duration, optionally times a count; the
     * last step repeats. Each pause gets a random jitter of {@code restart-jitter} (0.2 = up to 20 %).
     */
    @Inject
    @ConfigProperty(name = "fieldcast.stream.restart-steps", defaultValue = "PT1S*5,PT5S*5,PT10S")
    RestartLadder restartSteps;

    @Inject
    @ConfigProperty(name = "fieldcast.stream.restart-jitter", defaultValue = "0.2")
    double restartJitter;

    /** No frame for this long means the stream stalled, even with the RTSP connection open. */
    @Inject
    @ConfigProperty(name = "fieldcast.stream.stall-timeout", defaultValue = "PT3S")
    Duration stallTimeout;

    /** Extra time a new pull gets for its first frame (connecting, waiting for a keyframe). */
    @Inject
    @ConfigProperty(name = "fieldcast.stream.start-grace", defaultValue = "PT5S")
    Duration startGrace;

    /** How often the camera's snapshot is fetched while live video is lost. */
    @Inject
    @ConfigProperty(name = "fieldcast.fallback.interval", defaultValue = "PT2S")
    Duration fallbackInterval;

    /** How long a silent RTSP connection may stay open before ffmpeg gives up. */
    @Inject
    @ConfigProperty(name = "fieldcast.stream.rtsp-timeout", defaultValue = "PT5S")
    Duration rtspTimeout;

    @Inject
    StationDirectory stations;

    /** Every ffmpeg run (the seam to the processes). */
    @Inject
    FfmpegRuns runs;

    /** Where the pulls write: the LL-HLS window, made by the HLS feature. */
    @Inject
    PullOutputs outputs;

    /** Views made with each stream (the JPEG transcoders of the MJPEG feature). */
    @Inject
    Instance<StreamTaps> taps;

    @Inject
    CameraHttp cameraHttp;

    /** Each pull's input: a loopback proxy along the camera's route, holding its credentials. */
    @Inject
    RtspInputs rtspInputs;

    /** The camera as reached through its gateways, with its password decrypted, for its snapshots. */
    @Inject
    CameraAccess cameraAccess;

    /** Every change of a main stream's state, for the health endpoint; observers must not block. */
    @Inject
    Event<StreamHealth> healthEvents;

    /** Every change of a substream's state, for its own metrics; observers must not block. */
    @Inject
    Event<SubstreamHealth> substreamEvents;

    /** Which node pulls each stream: this one always, unless Fieldcast runs as a cluster. */
    @Inject
    StreamOwnership ownership;

    /** How streams other nodes pull are followed here (the relay). */
    @Inject
    StreamRelays relays;

    /** The cameras' states as their owners report them, on every node of a cluster. */
    @Inject
    SharedStates shared;

    @Resource(lookup = StreamExecutors.STREAMS)
    ManagedExecutorService executor;

    @Resource(lookup = StreamExecutors.TIMERS)
    ManagedScheduledExecutorService scheduler;

    private final StreamTable streams = new StreamTable(this::make);
    /** Cameras whose state this node shares as their owner, to take back when it stops pulling them. */
    private final Set<String> sharedHere = ConcurrentHashMap.newKeySet();
    /** What the owners report, kept here as the cluster tells of each change: read per request without a remote call. */
    private final Map<String, String> reported = new ConcurrentHashMap<>();
    private int ticks;
    private StreamSettings settings;
    private StreamServices services;
    private ScheduledFuture<?> ticker;
    /** The one time source of every stream. */
    private final Clock clock = new MonotonicClock();
    private volatile Instant lastTick = clock.instant();

    /** Created with the application, so always-on cameras start without a viewer. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        stations.cameras().stream().filter(CameraConfig::alwaysOn).forEach(c -> stream(c.id()));
    }

    @PostConstruct
    void init() {
        settings = new StreamSettings(idleTimeout, stallTimeout, startGrace, restartSteps.withJitter(restartJitter),
                fallbackInterval, new PullProfile(rtspTimeout));
        services = new StreamServices(runs, executor, scheduler, clock, this::snapshot, new ProxiedInputs(rtspInputs),
                outputs, taps.stream().toList(), this::changed, ownership, relays);
        ticker = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        if (ownership.clustered()) {
            shared.listen(this::sharedChanged); // first, so no change between the two is missed
            reported.putAll(shared.all());
        }
    }

    private CompletableFuture<byte[]> snapshot(CameraConfig camera) {
        try {
            return cameraHttp.snapshot(cameraAccess.reached(camera));
        } catch (RuntimeException noRouteOrSecret) {
            return CompletableFuture.failedFuture(noRouteOrSecret);
        }
    }

    private CameraStream make(CameraConfig pulled, StreamVariant variant) {
        return new CameraStream(pulled, variant, settings, services);
    }

    private void changed(CameraStream stream) {
        if (stream.variant() == StreamVariant.MAIN) {
            StreamHealth health = stream.health();
            share(stream, health);
            if (stream.pulledHere() || !ownership.clustered()) {
                healthEvents.fire(health);
            }
        } else {
            substreamEvents.fire(new SubstreamHealth(stream.health()));
        }
    }

    /** The main stream of a camera the station directory knows; created idle on first use. */
    public CameraStream stream(String cameraId) {
        return stream(cameraId, StreamVariant.MAIN);
    }

    /**
     * A stream of a camera the station directory knows; created idle on first use. SUB of a camera
     * without a substream is its main stream, the same object: one pull.
     */
    public CameraStream stream(String cameraId, StreamVariant variant) {
        CameraConfig camera = stations.camera(cameraId).orElseThrow(() -> new UnknownCameraException(cameraId));
        return streams.stream(camera, variant);
    }

    /** The main stream's status, if it was ever used (in a cluster: on the node that pulls it). */
    public Optional<StreamStatus> status(String cameraId) {
        Optional<StreamHealth> owners = ownersHealth(cameraId);
        if (owners.isPresent()) {
            StreamHealth h = owners.get();
            return Optional.of(new StreamStatus(h.state(), h.reason(), h.since(), h.reconnects()));
        }
        return streams.existing(cameraId, StreamVariant.MAIN).map(CameraStream::status);
    }

    /** In a cluster, the address of the node that pulls the camera's main stream now; empty on a single node. */
    public Optional<String> owner(String cameraId) {
        if (!ownership.clustered()) {
            return Optional.empty();
        }
        if (streams.existing(cameraId, StreamVariant.MAIN).map(CameraStream::pulledHere).orElse(false)) {
            return Optional.of(ownership.localAddress());
        }
        return ownersHealth(cameraId).map(StreamHealth::owner);
    }

    /**
     * The health of every camera in the directory; idle ones that never streamed included. In a cluster,
     * a camera another node pulls shows as that node reports it.
     */
    public List<StreamHealth> health() {
        return stations.cameras().stream().map(c -> ownersHealth(c.id()).orElseGet(() -> {
            CameraStream s = streams.existing(c.id(), StreamVariant.MAIN).orElse(null);
            return s != null ? s.health() : idle(c.id());
        })).toList();
    }

    private StreamHealth idle(String cameraId) {
        return new StreamHealth(cameraId, StreamState.IDLE, "none", null, null, 0, 0, -1, 0, 0, null,
                fallbackInterval.toMillis() / 1000.0, null);
    }

    /** The camera's health as another node that pulls it reported it; empty when this node pulls it, or nobody. */
    private Optional<StreamHealth> ownersHealth(String cameraId) {
        if (streams.existing(cameraId, StreamVariant.MAIN).map(CameraStream::pulledHere).orElse(false)) {
            return Optional.empty();
        }
        return Optional.ofNullable(reported.get(cameraId)).flatMap(SharedHealth::decode);
    }

    /**
     * The owner tells the other nodes its camera's state: on every change, and again every few seconds
     * (the value lives {@link #SHARED_FOR}, so a dead owner's goes by itself). It takes it back when it stops.
     */
    private void share(CameraStream stream, StreamHealth health) {
        if (!ownership.clustered()) {
            return;
        }
        String id = stream.camera().id();
        if (stream.pulledHere()) {
            sharedHere.add(id);
            shared.put(id, SharedHealth.encode(health), SHARED_FOR);
        } else if (sharedHere.remove(id)) {
            shared.remove(id);
        }
    }

    /** Another node's report: this node's health watchers hear of cameras it does not pull itself. */
    private void sharedChanged(String cameraId, String value) {
        if (value == null) {
            reported.remove(cameraId);
        } else {
            reported.put(cameraId, value);
        }
        if (streams.existing(cameraId, StreamVariant.MAIN).map(CameraStream::pulledHere).orElse(false)
                || stations.camera(cameraId).isEmpty()) {
            return;
        }
        StreamHealth health = value == null ? idle(cameraId) : SharedHealth.decode(value).orElse(idle(cameraId));
        // Told on a Hazelcast thread, which has none of the application's context the observers need (the
        // metrics registry looks the application up): the event goes out from the application's executor.
        executor.execute(() -> healthEvents.fire(health));
    }

    void onStationsChanged(@Observes StationsChanged change) {
        change.removedIds().forEach(streams::removed);
        change.changedIds().forEach(id -> stations.camera(id).ifPresent(streams::changed));
        change.addedIds().forEach(id -> stations.camera(id).filter(CameraConfig::alwaysOn).ifPresent(c -> stream(c.id())));
    }

    /** The main stream of a camera if it was ever used, without creating one. */
    public Optional<CameraStream> existing(String cameraId) {
        return existing(cameraId, StreamVariant.MAIN);
    }

    /** A camera's stream of exactly this variant if it was ever made, without creating one. */
    public Optional<CameraStream> existing(String cameraId, StreamVariant variant) {
        return streams.existing(cameraId, variant);
    }

    /** How long ago the supervisors were last ticked: the liveness of stream supervision. */
    public Duration sinceLastTick() {
        return Duration.between(lastTick, clock.instant());
    }

    private void tick() {
        lastTick = clock.instant();
        boolean refresh = ++ticks % SHARE_EVERY_TICKS == 0;
        for (CameraStream s : streams.all()) {
            try {
                s.tick();
                if (refresh && s.variant() == StreamVariant.MAIN) {
                    share(s, s.health());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "camera " + s.camera().id() + " (" + s.variant() + "): tick failed", e);
            }
        }
    }

    /** Stops every pull, then waits a bounded time for the processes to end. */
    @PreDestroy
    void shutdown() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        for (CameraStream s : streams.all()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // One stream's failure (a cluster already gone) must not leave the others' pulls running.
                LOG.log(Level.WARNING, "camera " + s.camera().id() + ": closing its stream failed", e);
            }
        }
        long deadline = System.nanoTime() + runs.stopGrace().plusSeconds(1).toNanos();
        while (streams.all().stream().anyMatch(CameraStream::processAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        streams.all().forEach(CameraStream::kill);
        streams.clear();
    }
}
