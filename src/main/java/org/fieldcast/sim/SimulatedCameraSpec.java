package org.fieldcast.sim;

import java.util.Objects;

/**
 * Everything that makes one simulated camera: identity, ports, authentication and picture.
 *
 * @param bindHost    address both servers bind to; loopback unless a test says otherwise
 * @param rtspPort    RTSP port, 0 = pick a free one
 * @param httpPort    HTTP port ({@code /snap.jpg}, {@code /rcp.xml}), 0 = pick a free one
 * @param username    the one configured account; its name sets the Bosch level (service, live, else user)
 * @param bitrateKbps H.264 target bitrate
 * @param audio       the main stream carries AAC audio too (a 440 Hz tone), as cameras with a microphone send
 */
public record SimulatedCameraSpec(String id, String name, boolean ptz, String bindHost, int rtspPort, int httpPort,
        SimAuth auth, String username, String password, int width, int height, int fps, int bitrateKbps,
        boolean audio) {

    public static final String LOOPBACK = "127.0.0.1";

    public SimulatedCameraSpec {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        bindHost = bindHost == null || bindHost.isBlank() ? LOOPBACK : bindHost;
        auth = auth == null ? SimAuth.NONE : auth;
        requirePort(rtspPort, "rtspPort");
        requirePort(httpPort, "httpPort");
        if (auth != SimAuth.NONE && (username == null || username.isEmpty() || password == null)) {
            throw new IllegalArgumentException("auth " + auth + " needs a username and a password");
        }
        // libx264 with yuv420p needs even dimensions.
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("picture size must be even and at least 16x16: " + width + "x" + height);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps out of range: " + fps);
        }
        if (bitrateKbps < 50) {
            throw new IllegalArgumentException("bitrate too low: " + bitrateKbps + " kbit/s");
        }
    }

    /** A camera without audio. */
    public SimulatedCameraSpec(String id, String name, boolean ptz, String bindHost, int rtspPort, int httpPort,
            SimAuth auth, String username, String password, int width, int height, int fps, int bitrateKbps) {
        this(id, name, ptz, bindHost, rtspPort, httpPort, auth, username, password, width, height, fps, bitrateKbps, false);
    }

    /** A 1280x720, 25 fps, 2 Mbit/s camera on free loopback ports without authentication. */
    public static SimulatedCameraSpec of(String id, String name, boolean ptz) {
        return new SimulatedCameraSpec(id, name, ptz, LOOPBACK, 0, 0, SimAuth.NONE, null, null, 1280, 720, 25, 2000);
    }

    public SimulatedCameraSpec withPorts(int rtsp, int http) {
        return new SimulatedCameraSpec(id, name, ptz, bindHost, rtsp, http, auth, username, password,
                width, height, fps, bitrateKbps, audio);
    }

    public SimulatedCameraSpec withAuth(SimAuth mode, String user, String secret) {
        return new SimulatedCameraSpec(id, name, ptz, bindHost, rtspPort, httpPort, mode, user, secret,
                width, height, fps, bitrateKbps, audio);
    }

    public SimulatedCameraSpec withPicture(int w, int h, int framesPerSecond, int kbps) {
        return new SimulatedCameraSpec(id, name, ptz, bindHost, rtspPort, httpPort, auth, username, password,
                w, h, framesPerSecond, kbps, audio);
    }

    /** The same camera with AAC audio on its main stream. */
    public SimulatedCameraSpec withAudio() {
        return new SimulatedCameraSpec(id, name, ptz, bindHost, rtspPort, httpPort, auth, username, password,
                width, height, fps, bitrateKbps, true);
    }

    private static void requirePort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " out of range: " + port);
        }
    }

    @Override
    public String toString() {
        // Records print every component; this one must never print the password.
        return "SimulatedCameraSpec[id=" + id + ", name=" + name + ", ptz=" + ptz + ", rtspPort=" + rtspPort
                + ", httpPort=" + httpPort + ", auth=" + auth + ", size=" + width + "x" + height + "@" + fps + (audio ? ", audio" : "") + "]";
    }
}
