package org.fieldcast.limits;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.perimeter.AddressRanges;
/**
 * What one client address may hold at once, read and checked when the application starts. Each limit
 * refuses only what goes beyond it; what a client holds already is never taken away.
 */
@ApplicationScoped
public class ClientLimits {

    /**
     * WebSockets one address may keep open on all endpoints together ({@code /ws/health},
     * {@code /ws/frames}, PTZ). A dashboard holds one health and one frame socket, and one more per PTZ
     * camera being steered: 32 leaves room for several tabs, or a few operators behind one NAT.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.limits.sockets", defaultValue = "32")
    int sockets;

    /**
     * HLS requests one address may have held at once (blocking playlist reloads, parts announced by
     * the preload hint): an LL-HLS player holds a playlist reload and maybe a part, so 64 serves a
     * 16-tile grid with room to spare.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.limits.held-requests", defaultValue = "64")
    int heldRequests;

    /** {@code stream.mjpg} responses one address may keep open: a 4x4 grid of MJPEG tiles. */
    @Inject
    @ConfigProperty(name = "fieldcast.limits.mjpeg-streams", defaultValue = "16")
    int mjpegStreams;

    /**
     * JPEG transcoders one address may keep busy: distinct camera and profile pairs over its
     * {@code /ws/frames} sockets and {@code stream.mjpg} responses. Each runs an ffmpeg decoding and
     * encoding the camera's video, a good share of a core: 16 is a 4x4 grid.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.limits.transcoders", defaultValue = "16")
    int transcoders;

    /**
     * Addresses these limits do not apply to (comma-separated IP addresses or CIDR networks, or
     * {@code none}). Loopback by
     * default: tools and load tests on the server itself. A proxy in front of Fieldcast must be listed in
     * {@code fieldcast.http.trusted-proxies}, so that its clients are told apart.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.limits.unlimited-addresses", defaultValue = "127.0.0.1,::1")
    String unlimitedAddresses;

    private ClientAllowance socketAllowance;
    private ClientAllowance heldRequestAllowance;
    private ClientAllowance mjpegStreamAllowance;
    private ClientAllowance transcoderAllowance;

    /** Creating the bean at start-up is what checks the settings: a mistake stops the deployment. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sockets();
    }

    @PostConstruct
    void check() {
        AddressRanges unlimited = AddressRanges.parse(unlimitedAddresses, "fieldcast.limits.unlimited-addresses");
        // Retry-After: a held request ends within a few seconds; a stream or a socket when its viewer leaves.
        socketAllowance = new ClientAllowance("WebSockets", positive(sockets, "sockets"), Duration.ofSeconds(5), unlimited);
        heldRequestAllowance = new ClientAllowance("held requests", positive(heldRequests, "held-requests"),
                Duration.ofSeconds(1), unlimited);
        mjpegStreamAllowance = new ClientAllowance("MJPEG streams", positive(mjpegStreams, "mjpeg-streams"),
                Duration.ofSeconds(5), unlimited);
        transcoderAllowance = new ClientAllowance("JPEG transcoders (cameras x profiles)", positive(transcoders, "transcoders"),
                Duration.ofSeconds(5), unlimited);
    }

    public ClientAllowance sockets() {
        return socketAllowance;
    }

    public ClientAllowance heldRequests() {
        return heldRequestAllowance;
    }

    public ClientAllowance mjpegStreams() {
        return mjpegStreamAllowance;
    }

    /** Items: {@link #transcoder(String, String)}. */
    public ClientAllowance transcoders() {
        return transcoderAllowance;
    }

    /** The item a camera's transcoder of one JPEG profile counts as. */
    public static String transcoder(String camera, String profile) {
        return camera + " " + profile;
    }

    private static int positive(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException("fieldcast.limits." + key + " must be at least 1: " + value);
        }
        return value;
    }
}
