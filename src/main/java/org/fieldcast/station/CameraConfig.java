package org.fieldcast.station;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of one camera as the streams need it, taken from the station database.
 * Holds the credentials, so it never reaches JSON: API views are built from it at the boundary.
 *
 * <p>{@link #host()} and the ports are the camera's own, on its site's network. Code that talks to
 * the camera asks {@code org.fieldcast.gateway.CameraRoutes} for the endpoints, which go through
 * the {@link #gateways()} unless Fieldcast sits on the camera's network.
 *
 * @param id        stable key used in URLs (e.g. {@code demo-fixed})
 * @param rtspPath  path and query of the RTSP stream on the camera, Bosch style, e.g. {@code /?inst=1}
 * @param httpsPort the camera's HTTPS port, 0 when it has none
 * @param tlsFingerprint SHA-256 of the camera's (usually self-signed) certificate, lower-case hex without
 *                  separators, pinned by the operator; null when not pinned
 * @param password  the password as stored in plain text, for setups without a master key; null when
 *                  the camera has an {@code encryptedPassword} (use {@code org.fieldcast.secret.CameraCredentials})
 * @param encryptedPassword the password encrypted with the site's key ({@code fc1:...}), or null
 * @param gateways  the NAT gateways between Fieldcast and the camera, innermost first; empty when the
 *                  camera is reached directly
 * @param videoMode what the pull does with the video: remux the camera's own, or re-encode to H.264
 * @param audioMode what the pull does with the audio: copy AAC and drop the rest, none, or transcode to AAC
 * @param substreamPath path and query of the camera's low-resolution second stream (grid tiles), e.g.
 *                  {@code /?inst=2}; null when it has none and its tiles use the main stream
 */
public record CameraConfig(
        String id,
        String name,
        String siteId,
        String siteName,
        CameraType type,
        String model,
        String host,
        int rtspPort,
        int httpPort,
        int httpsPort,
        String tlsFingerprint,
        String rtspPath,
        AuthMode authMode,
        String username,
        String password,
        boolean enabled,
        boolean alwaysOn,
        String encryptedPassword,
        List<GatewayHop> gateways,
        VideoMode videoMode,
        AudioMode audioMode,
        String substreamPath) {

    public CameraConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        rtspPath = rtspPath == null || rtspPath.isEmpty() ? "/" : rtspPath;
        authMode = authMode == null ? AuthMode.NONE : authMode;
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        videoMode = videoMode == null ? VideoMode.COPY : videoMode;
        audioMode = audioMode == null ? AudioMode.AUTO : audioMode;
        substreamPath = substreamPath == null || substreamPath.isEmpty() ? null : substreamPath;
    }

    /** A camera without a substream. */
    public CameraConfig(String id, String name, String siteId, String siteName, CameraType type, String model,
                        String host, int rtspPort, int httpPort, int httpsPort, String tlsFingerprint, String rtspPath,
                        AuthMode authMode, String username, String password, boolean enabled, boolean alwaysOn,
                        String encryptedPassword, List<GatewayHop> gateways, VideoMode videoMode, AudioMode audioMode) {
        this(id, name, siteId, siteName, type, model, host, rtspPort, httpPort, httpsPort, tlsFingerprint, rtspPath,
                authMode, username, password, enabled, alwaysOn, encryptedPassword, gateways, videoMode, audioMode, null);
    }

    /** A camera whose video is remuxed as it is, with its AAC audio if it has any (the defaults). */
    public CameraConfig(String id, String name, String siteId, String siteName, CameraType type, String model,
                        String host, int rtspPort, int httpPort, int httpsPort, String tlsFingerprint, String rtspPath,
                        AuthMode authMode, String username, String password, boolean enabled, boolean alwaysOn,
                        String encryptedPassword, List<GatewayHop> gateways) {
        this(id, name, siteId, siteName, type, model, host, rtspPort, httpPort, httpsPort, tlsFingerprint, rtspPath,
                authMode, username, password, enabled, alwaysOn, encryptedPassword, gateways, VideoMode.COPY, AudioMode.AUTO);
    }

    /** A camera reached directly, with its password in plain text (tests, the demo site). */
    public CameraConfig(String id, String name, String siteId, String siteName, CameraType type, String model,
                        String host, int rtspPort, int httpPort, int httpsPort, String tlsFingerprint, String rtspPath,
                        AuthMode authMode, String username, String password, boolean enabled, boolean alwaysOn) {
        this(id, name, siteId, siteName, type, model, host, rtspPort, httpPort, httpsPort, tlsFingerprint, rtspPath,
                authMode, username, password, enabled, alwaysOn, null, List.of());
    }

    public boolean hasSubstream() {
        return substreamPath != null;
    }

    /**
     * The camera as its substream's pull sees it: the same camera, credentials and route, reading
     * {@link #substreamPath()} as its RTSP path. Never always-on: a substream runs only while a tile
     * watches it. Only for a camera that {@link #hasSubstream()}.
     */
    public CameraConfig substream() {
        if (substreamPath == null) {
            throw new IllegalStateException("camera '" + id + "' has no substream");
        }
        return new CameraConfig(id, name, siteId, siteName, type, model, host, rtspPort, httpPort, httpsPort,
                tlsFingerprint, substreamPath, authMode, username, password, enabled, false, encryptedPassword,
                gateways, videoMode, audioMode, substreamPath);
    }

    /**
     * The RTSP URL with a plain-text password embedded, for tests outside the container only: it
     * puts the password on ffmpeg's command line. Fieldcast's pulls go through
     * {@code org.fieldcast.gateway.RtspInputs}, which keeps credentials inside the JVM.
     */
    public String rtspUrlWithCredentials() {
        String userInfo = authMode == AuthMode.NONE || username == null ? ""
                : encode(username) + ":" + encode(password == null ? "" : password) + "@";
        return "rtsp://" + userInfo + hostPort(host, rtspPort) + rtspPath;
    }

    /** The RTSP URL on the camera's own network, without credentials, safe to show. */
    public String rtspUrl() {
        return "rtsp://" + hostPort(host, rtspPort) + rtspPath;
    }

    /** Base of the camera's HTTP interface ({@code /snap.jpg}, {@code /rcp.xml}) on its own network. */
    public URI httpBase() {
        return URI.create("http://" + hostPort(host, httpPort) + "/");
    }

    /** Base of the camera's HTTPS interface on its own network, when it has one. */
    public Optional<URI> httpsBase() {
        return httpsPort == 0 ? Optional.empty() : Optional.of(URI.create("https://" + hostPort(host, httpsPort) + "/"));
    }

    /** The camera's own port for a protocol; 0 for HTTPS when it has none. */
    public int port(PortProtocol protocol) {
        return switch (protocol) {
            case RTSP -> rtspPort;
            case HTTP -> httpPort;
            case HTTPS -> httpsPort;
        };
    }

    public boolean behindGateways() {
        return !gateways.isEmpty();
    }

    /**
     * The way to one of the camera's ports through its gateways, hop by hop from the inside out:
     * each gateway's mapping for the address reached so far gives the next address, ending at the
     * outermost gateway's public host. Without gateways it is the camera's own address.
     */
    public GatewayRoute routeThroughGateways(PortProtocol protocol) {
        String atHost = host;
        int atPort = port(protocol);
        List<String> passed = new ArrayList<>();
        List<PortForward> used = new ArrayList<>();
        if (atPort == 0) {
            return GatewayRoute.missing(passed, used, "camera '" + id + "' has no " + protocol.label() + " port");
        }
        for (GatewayHop hop : gateways) {
            Optional<PortForward> forward = hop.forwardTo(protocol, atHost, atPort);
            if (forward.isEmpty()) {
                return GatewayRoute.missing(passed, used, "gateway '" + hop.id() + "' has no " + protocol.label()
                        + " port mapping to " + hostPort(atHost, atPort));
            }
            passed.add(hop.id());
            used.add(forward.get());
            atHost = hop.publicHost();
            atPort = forward.get().outerPort();
        }
        return new GatewayRoute(atHost, atPort, passed, used, null);
    }

    /**
     * True when a change from {@code other} needs the camera's stream to restart: where the stream
     * comes from (address, path, the way through the gateways) or how it is authenticated. The
     * substream path is not the main stream's: compare {@link #substream()}s for the substream.
     */
    public boolean streamDiffers(CameraConfig other) {
        return other == null
                || !host.equals(other.host) || rtspPort != other.rtspPort || !rtspPath.equals(other.rtspPath)
                || authMode != other.authMode || !Objects.equals(username, other.username)
                || !Objects.equals(password, other.password)
                || !Objects.equals(encryptedPassword, other.encryptedPassword)
                || videoMode != other.videoMode || audioMode != other.audioMode
                || !routeThroughGateways(PortProtocol.RTSP).equals(other.routeThroughGateways(PortProtocol.RTSP));
    }

    /** {@code host:port}, with an IPv6 literal in brackets as URLs need it. */
    public static String hostPort(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return h + ":" + port;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        // Records print every component; this one must never print the password or its ciphertext.
        return "CameraConfig[id=" + id + ", site=" + siteId + ", type=" + type + ", rtsp=" + rtspUrl()
                + (gateways.isEmpty() ? "" : ", via=" + gateways.stream().map(GatewayHop::id).toList()) + "]";
    }
}
