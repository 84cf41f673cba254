package org.fieldcast.ptz;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.camera.CameraTransport;
import org.fieldcast.cluster.NodeCalls;
import org.fieldcast.cluster.StreamOwnership;
import org.fieldcast.gateway.CameraAccess;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.StationsChanged;
import org.fieldcast.station.UnknownCameraException;
import org.fieldcast.stream.StreamExecutors;
/**
 * The one {@link PtzCamera} per camera, made on first use from the station directory and replaced
 * when the camera's configuration changes (the old one stops a running move first). In a cluster it
 * runs on the node that holds the camera's queue ({@link ControlPlacement}); the other nodes get a
 * {@link RemoteControl} that sends them there, and this class answers such calls for its own queues.
 */
@ApplicationScoped
public class PtzCameras {
    private static final Logger LOG = Logger.getLogger(PtzCameras.class.getName());

    /** How long a move runs without renewal before Fieldcast stops the camera. */
    @Inject
    @ConfigProperty(name = "fieldcast.ptz.lease", defaultValue = "PT1S")
    Duration lease;

    /** Least time between a camera's answer and the next command to it (Bosch advises 100 ms). */
    @Inject
    @ConfigProperty(name = "fieldcast.ptz.command-gap", defaultValue = "PT0.1S")
    Duration commandGap;

    /** How long one rcp.xml request may take, connecting included. */
    @Inject
    @ConfigProperty(name = "fieldcast.ptz.timeout", defaultValue = "PT3S")
    Duration timeout;

    /** The longest a held move may be renewed; then the camera stops and the operator presses again. */
    @Inject
    @ConfigProperty(name = "fieldcast.ptz.max-move", defaultValue = "PT2M")
    Duration maxMove;

    /** The camera transport: HTTPS, authentication and certificates as for every request to a camera. */
    @Inject
    CameraTransport transport;

    @Inject
    StationDirectory stations;

    /** The camera as reached from here: through its gateways, with its password decrypted. */
    @Inject
    CameraAccess access;

    @Resource(lookup = StreamExecutors.TIMERS)
    ManagedScheduledExecutorService timers;

    /** Which node holds each camera's queue when Fieldcast runs as a cluster. */
    @Inject
    StreamOwnership ownership;

    @Inject
    NodeCalls calls;

    private final Map<String, PtzCamera> cameras = new ConcurrentHashMap<>();
    private PtzSettings settings;
    private ControlPlacement placement = ControlPlacement.SINGLE_NODE;

    @PostConstruct
    void readSettings() {
        settings = new PtzSettings(lease, commandGap, timeout, maxMove, 16);
        if (ownership != null && ownership.clustered()) {
            placement = new ClaimedPlacement(ownership, calls);
        }
        placement.serve(call -> ControlService.answer(call, this::controlHere));
    }

    /** Made at start, so a setting out of range is reported then rather than at the first move. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // observing is enough: the container makes this bean to deliver the event
    }

    public PtzSettings settings() {
        return settings;
    }

    /** A PTZ camera's control; nothing is sent to a camera that is not a PTZ dome. */
    public CameraControl ptz(String cameraId) {
        CameraConfig camera = config(cameraId);
        if (camera.type() != CameraType.PTZ) {
            throw new NoPtzException(cameraId);
        }
        return control(camera);
    }

    /** Any camera's control, for its virtual alarms. */
    public CameraControl any(String cameraId) {
        return control(config(cameraId));
    }

    private CameraConfig config(String cameraId) {
        return stations.camera(cameraId).orElseThrow(() -> new UnknownCameraException(cameraId));
    }

    private CameraControl control(CameraConfig camera) {
        ControlPlacement.Placement where = placement.place(camera.id(), () -> lost(camera.id()));
        return where.here() ? local(camera, where.takenOver()) : new RemoteControl(camera.id(), where.remoteNode(), placement, timers);
    }

    /** A call from another node: done here only while this node holds the camera's queue. */
    private CameraControl controlHere(String cameraId) {
        CameraConfig camera = config(cameraId);
        if (!placement.holds(cameraId)) {
            throw new RemoteControlException(503, "camera '" + cameraId + "' is steered by another node now; try again");
        }
        return local(camera, false);
    }

    private PtzCamera local(CameraConfig camera, boolean takenOver) {
        return cameras.compute(camera.id(), (id, existing) -> {
            if (existing != null && existing.config().equals(camera)) {
                return existing;
            }
            if (existing != null) {
                existing.close();
            }
            PtzCamera made = create(camera);
            if (takenOver && camera.type() == CameraType.PTZ) {
                // The node that steered it before may have died mid-move, and a dome turns until told to stop.
                made.stop().whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.WARNING, "camera '" + camera.id() + "': the stop sent on taking over its queue failed", failure);
                    }
                });
            }
            return made;
        });
    }

    /** This node no longer holds the camera's queue: its move stops now, before another node's starts. */
    private void lost(String cameraId) {
        LOG.warning(() -> "camera '" + cameraId + "': this node no longer steers it");
        drop(cameraId);
    }

    private PtzCamera create(CameraConfig camera) {
        // Through the camera's route (directly, or hop by hop through its NAT gateways) with its decrypted
        // password, chosen again when a command does not reach it; the control itself keeps the station's
        // view of the camera, to notice when it changes.
        RcpClient client = new RcpClient(() -> access.reached(camera), () -> access.failed(camera.id()), transport,
                settings.timeout());
        CameraCommandQueue queue = new CameraCommandQueue(camera.id(), client::send, timers,
                settings.commandGap().toNanos(), settings.queueLimit(), System::nanoTime);
        return new PtzCamera(camera, queue, timers, settings, System::nanoTime);
    }

    /** A changed or removed camera's control is closed (stopping a running move); the next use makes a new one. */
    void stationsChanged(@Observes StationsChanged change) {
        change.changedIds().forEach(this::drop);
        change.removedIds().forEach(this::drop);
    }

    private void drop(String cameraId) {
        PtzCamera gone = cameras.remove(cameraId);
        if (gone != null) {
            gone.close();
        }
    }

    @PreDestroy
    void stopAll() {
        cameras.keySet().forEach(this::drop);
    }
}
