package org.fieldcast.gateway;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.GatewayRoute;
import org.fieldcast.station.PortProtocol;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.StationProblem;
import org.fieldcast.station.StationsChanged;
/**
 * Turns a camera into the endpoints Fieldcast dials: the camera itself when Fieldcast sits on its
 * network, else the public side of its gateway chain, translated hop by hop
 * ({@link CameraConfig#routeThroughGateways}). A camera behind gateways counts as local when its
 * address lies in {@code fieldcast.gateway.local-networks} or its site is in
 * {@code fieldcast.gateway.local-sites}, and a quick TCP probe of its RTSP port answers. The choice
 * is kept per camera until the camera changes or a user of the route reports a failure.
 */
@ApplicationScoped
public class CameraRoutes {

    static final String PROBLEM_SOURCE = "routes";
    private static final Logger LOG = Logger.getLogger(CameraRoutes.class.getName());

    /** Networks Fieldcast reaches without gateways, comma-separated CIDRs. Default: none. */
    @Inject
    @ConfigProperty(name = "fieldcast.gateway.local-networks")
    Optional<String> localNetworks;

    /** Sites whose network Fieldcast is on, comma-separated ids. Default: none. */
    @Inject
    @ConfigProperty(name = "fieldcast.gateway.local-sites")
    Optional<String> localSites;

    /** How long the probe that confirms a local camera waits for its RTSP port. Default: {@code PT0.3S}. */
    @Inject
    @ConfigProperty(name = "fieldcast.gateway.probe-timeout", defaultValue = "PT0.3S")
    Duration probeTimeout;

    @Inject
    StationDirectory directory;

    private LocalNetworks local;

    /** A decision, valid while the camera's address and gateways are what they were when it was made. */
    private record Choice(boolean direct, String basis) {
    }

    private final Map<String, Choice> choices = new ConcurrentHashMap<>();

    protected CameraRoutes() {
        // for CDI
    }

    /** Routes outside the container (tests). */
    CameraRoutes(LocalNetworks local, Duration probeTimeout) {
        this.local = local;
        this.probeTimeout = probeTimeout;
    }

    @PostConstruct
    void init() {
        local = LocalNetworks.parse(localNetworks.orElse(""), localSites.orElse(""));
    }

    /** Where to open the camera's RTSP session. RTSP through gateways must use TCP interleaved transport. */
    public Endpoint rtsp(CameraConfig camera) {
        return endpoint(camera, PortProtocol.RTSP);
    }

    /** Base of the camera's HTTP interface ({@code /snap.jpg}, {@code /rcp.xml}) as Fieldcast reaches it. */
    public URI httpBase(CameraConfig camera) {
        return endpoint(camera, PortProtocol.HTTP).base("http");
    }

    /** Base of the camera's HTTPS interface as Fieldcast reaches it; empty when the camera has none. */
    public Optional<URI> httpsBase(CameraConfig camera) {
        return camera.httpsPort() == 0 ? Optional.empty() : Optional.of(endpoint(camera, PortProtocol.HTTPS).base("https"));
    }

    /** The endpoint for one protocol; fails when a gateway on the way has no mapping for it. */
    public Endpoint endpoint(CameraConfig camera, PortProtocol protocol) {
        if (direct(camera)) {
            return new Endpoint(camera.host(), camera.port(protocol), List.of());
        }
        GatewayRoute route = camera.routeThroughGateways(protocol);
        if (!route.complete()) {
            throw new UnreachableCameraException("camera '" + camera.id() + "' cannot be reached through its gateways: "
                    + route.problem());
        }
        return new Endpoint(route.host(), route.port(), route.gatewayIds());
    }

    /**
     * A connection to the camera failed: decide again on next use, since Fieldcast may have moved
     * onto or off the camera's network.
     */
    public void failed(String cameraId) {
        if (choices.remove(cameraId) != null) {
            LOG.fine(() -> "camera " + cameraId + ": route will be chosen again after a failure");
        }
    }

    /** True when Fieldcast dials the camera itself rather than its gateways. */
    public boolean direct(CameraConfig camera) {
        if (!camera.behindGateways()) {
            return true;
        }
        String basis = camera.host() + ":" + camera.rtspPort() + " " + camera.gateways();
        Choice choice = choices.get(camera.id());
        if (choice == null || !choice.basis().equals(basis)) {
            choice = new Choice(local.covers(camera) && answers(camera.host(), camera.rtspPort()), basis);
            choices.put(camera.id(), choice);
            boolean direct = choice.direct();
            LOG.fine(() -> "camera " + camera.id() + ": " + (direct ? "on the local network, dialled directly"
                    : "dialled through gateways " + camera.gateways().stream().map(g -> g.id()).toList()));
        }
        return choice.direct();
    }

    private boolean answers(String host, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), (int) Math.max(1, probeTimeout.toMillis()));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Reports cameras whose gateways lack a mapping they need, and forgets choices of cameras that changed. */
    void check(@Observes StationsChanged change) {
        change.changedIds().forEach(choices::remove);
        change.removedIds().forEach(choices::remove);
        directory.reportProblems(PROBLEM_SOURCE, problems(directory.cameras()));
    }

    List<StationProblem> problems(List<CameraConfig> cameras) {
        List<StationProblem> found = new ArrayList<>();
        for (CameraConfig camera : cameras) {
            if (!camera.behindGateways() || local.covers(camera)) {
                continue;
            }
            for (PortProtocol protocol : PortProtocol.values()) {
                GatewayRoute route = camera.routeThroughGateways(protocol);
                if (camera.port(protocol) != 0 && !route.complete()) {
                    found.add(new StationProblem(PROBLEM_SOURCE, "site '" + camera.siteId() + "' camera '" + camera.id() + "'",
                            route.problem()));
                }
            }
        }
        return found;
    }
}
