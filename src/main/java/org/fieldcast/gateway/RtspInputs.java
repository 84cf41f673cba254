package org.fieldcast.gateway;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.camera.CameraAuthorization;
import org.fieldcast.rtp.SdpAudio;
import org.fieldcast.secret.CameraCredentials;
import org.fieldcast.secret.Credentials;
import org.fieldcast.station.CameraConfig;
/**
 * The inputs of the camera pulls: for each pull a loopback {@link RtspProxy} towards the camera's
 * route, holding the decrypted credentials in memory, so that ffmpeg's command line shows
 * {@code rtsp://127.0.0.1:port/camera-id/...} and nothing secret.
 */
@ApplicationScoped
public class RtspInputs {

    /** How long the proxy waits for the camera's (or its gateway's) TCP connection. Default: {@code PT3S}. */
    @Inject
    @ConfigProperty(name = "fieldcast.gateway.connect-timeout", defaultValue = "PT3S")
    Duration connectTimeout;

    @Inject
    CameraRoutes routes;

    @Inject
    CameraCredentials credentials;

    // The streams' executor: a proxy lives exactly as long as its pull.
    @Resource(lookup = "concurrent/fieldcast-streams")
    ManagedExecutorService streamsExecutor;

    private Executor executor;
    /**
     * The audio encoding each camera stream (camera and path: a substream may differ from the main
     * stream) described last, {@link #NO_AUDIO} for none: the pull's arguments depend on it.
     */
    private final Map<String, String> audioDescribed = new ConcurrentHashMap<>();
    private static final String NO_AUDIO = "";

    protected RtspInputs() {
        // for CDI
    }

    /** Inputs outside the container (tests). */
    public RtspInputs(CameraRoutes routes, CameraCredentials credentials, Duration connectTimeout, Executor executor) {
        this.routes = routes;
        this.credentials = credentials;
        this.connectTimeout = connectTimeout;
        this.executor = executor;
    }

    @PostConstruct
    void init() {
        executor = streamsExecutor;
    }

    /**
     * The encoding of the audio the camera described the last time a pull opened this stream of it
     * ({@code MPEG4-GENERIC}, {@code PCMA} ...); an empty string when it had none; empty when it was never
     * described since start.
     */
    public Optional<String> audioLastDescribed(CameraConfig camera) {
        return Optional.ofNullable(audioDescribed.get(describedKey(camera)));
    }

    private static String describedKey(CameraConfig camera) {
        return camera.id() + " " + camera.rtspPath();
    }

    /**
     * Opens the input of one pull. Close it when the pull ends.
     *
     * @throws UnreachableCameraException when the camera's gateways have no mapping for its RTSP port
     * @throws org.fieldcast.secret.SecretException when its password does not decrypt
     */
    public RtspInput open(CameraConfig camera) {
        Endpoint endpoint = routes.rtsp(camera);
        Credentials c = credentials.of(camera);
        CameraAuthorization auth = new CameraAuthorization(c.mode(), c.username(), c.password());
        try {
            AtomicReference<Consumer<String>> listener = new AtomicReference<>(sdp -> { });
            RtspProxy proxy = new RtspProxy(camera.id(), endpoint, camera.rtspPath(), auth, connectTimeout,
                    executor, () -> routes.failed(camera.id()), sdp -> {
                        audioDescribed.put(describedKey(camera), SdpAudio.encoding(sdp).orElse(NO_AUDIO));
                        listener.get().accept(sdp);
                    });
            return new RtspInput(proxy.start().url(), proxy, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("camera " + camera.id() + ": cannot open a loopback port for its pull", e);
        }
    }
}
