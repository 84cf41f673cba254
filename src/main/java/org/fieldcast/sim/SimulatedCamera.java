package org.fieldcast.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * One simulated Bosch camera: an ffmpeg test-pattern encoder, an RTSP server that relays it to any
 * number of viewers, and an HTTP server with {@code /snap.jpg} and {@code /rcp.xml}. Owns all three
 * and everything they start; {@link #close()} leaves no process, socket or task behind. A second
 * encoder instance, the same picture at 640x360 on {@code /?inst=2}, runs only while a viewer
 * connection asks for it ({@link OnDemandEncoder}).
 * <p>
 * Threads come only from the executor passed in (inside Payara, a managed executor). Each camera
 * keeps a few tasks busy for its lifetime: RTSP accept, the publisher connection, ffmpeg's run,
 * plus one reader and one writer task per RTSP viewer; size the executor for that.
 */
public final class SimulatedCamera implements AutoCloseable {
    private final SimulatedCameraSpec spec;
    private final Path ffmpegExecutable;
    private final ExecutorService executor;
    private final StreamRelay relay;
    private final StreamRelay subRelay;
    private final OnDemandEncoder subEncoder;
    private final LatestSnapshot snapshot = new LatestSnapshot();
    private final FlagBank virtualAlarms = new FlagBank(CameraTags.VIRTUAL_ALARMS);
    private final FlagBank inputs = new FlagBank(1);
    private final FlagBank relays = new FlagBank(1);
    private final RcpTagTable rcp = new RcpTagTable(Clock.systemUTC());
    private final RtspServer rtsp;
    private final CameraHttpServer http;
    private final PtzHead head; // null for a fixed camera
    private volatile boolean ptzAvailable = true;
    private volatile boolean bicomPresets = true;
    private CameraCertificate certificate;
    private PictureSource picture;
    private boolean closed;

    /**
     * @param ffmpegExecutable the ffmpeg executable, or the directory that holds it (what Jaffree's {@code atPath} takes)
     * @param executor         runs every task of this camera; never shut down by it
     */
    public SimulatedCamera(SimulatedCameraSpec spec, Path ffmpegExecutable, ExecutorService executor) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.ffmpegExecutable = Objects.requireNonNull(ffmpegExecutable, "ffmpegExecutable");
        this.executor = Objects.requireNonNull(executor, "executor");
        CameraAuthenticator auth = new CameraAuthenticator(spec.auth(), spec.username(), spec.password());
        this.relay = new StreamRelay(spec.name());
        this.subRelay = new StreamRelay(spec.name());
        this.subEncoder = new OnDemandEncoder(this::substreamSource, executor);
        this.rtsp = new RtspServer(spec.bindHost(), spec.rtspPort(), auth, relay, subRelay, subEncoder, executor);
        this.http = new CameraHttpServer(spec.bindHost(), spec.httpPort(), auth, snapshot, rcp, executor);
        CameraTags.register(rcp, spec.name(), spec.id(), spec.ptz(), virtualAlarms, inputs, relays);
        if (spec.ptz()) {
            head = new PtzHead(System::nanoTime);
            CameraTags.registerPtz(rcp, new BicomTag(head, () -> ptzAvailable, () -> bicomPresets), () -> ptzAvailable);
        } else {
            head = null;
        }
    }

    /** Also serve {@code /snap.jpg} and {@code /rcp.xml} over HTTPS with this certificate; call before {@link #start()}. */
    public synchronized void serveHttps(CameraCertificate cert) {
        if (picture != null) {
            throw new IllegalStateException("serveHttps must come before start");
        }
        certificate = cert;
    }

    /** Binds both ports and starts the encoder; returns at once. See {@link #awaitStreaming}. */
    public synchronized void start() throws IOException {
        if (picture != null || closed) {
            throw new IllegalStateException("camera " + spec.id() + " was already started");
        }
        Path executable = Files.isDirectory(ffmpegExecutable) ? ffmpegExecutable.resolve("ffmpeg") : ffmpegExecutable;
        if (!Files.isExecutable(executable)) {
            // Fail here, once and clearly, rather than restart a missing encoder every second.
            throw new NoSuchFileException(executable.toString(), null, "ffmpeg not found or not executable");
        }
        rtsp.start();
        try {
            http.start();
            if (certificate != null) {
                http.startHttps(certificate.port(), certificate.sslContext());
            }
        } catch (IOException | RuntimeException e) {
            rtsp.close();
            http.close();
            throw e;
        }
        int[] size = PictureCommand.renderSize(spec);
        picture = new PictureSource(spec, ffmpegExecutable, rtsp.port(), snapshot, executor,
                head == null ? null : () -> new PtzFrames(size[0], size[1], spec.fps(), head, virtualAlarms));
        picture.start();
    }

    /** The second instance's encoder: the same scene (a dome's as it points), smaller, without snapshots. */
    private PictureSource substreamSource() {
        SimulatedCameraSpec small = PictureCommand.substream(spec);
        int[] size = PictureCommand.renderSize(small);
        return new PictureSource(small, StreamPath.SUB, ffmpegExecutable, rtsp.port(), null, executor,
                head == null ? null : () -> new PtzFrames(size[0], size[1], small.fps(), head, virtualAlarms));
    }

    /** True once the encoder's first RTP packet has reached the RTSP server. */
    public boolean awaitStreaming(Duration timeout) throws InterruptedException {
        return relay.awaitFirstPacket(timeout);
    }

    public SimulatedCameraSpec spec() {
        return spec;
    }

    public int rtspPort() {
        return rtsp.port();
    }

    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port; only after {@link #serveHttps} and {@link #start()}. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** Where the dome points now; empty for a fixed camera. */
    public java.util.Optional<DomePosition> ptzPosition() {
        return head == null ? java.util.Optional.empty() : java.util.Optional.of(head.position());
    }

    /** True while the dome turns or zooms (a continuous move or the way to a preset). */
    public boolean ptzMoving() {
        return head != null && head.moving();
    }

    /** Off: the "PTZ not available" fault: tag 0x0a51 reads 0 and every Bicom message is refused. */
    public void setPtzAvailable(boolean on) {
        ptzAvailable = on;
    }

    /** Off: Bicom presets are refused and only the legacy OSRD form (1..99) works, as on older domes. */
    public void setBicomPresets(boolean on) {
        bicomPresets = on;
    }

    /** On: every rcp.xml request is answered {@code <err>0xc0</err>} (TRY_LATER). */
    public void setRcpTryLater(boolean on) {
        rcp.setTryLater(on);
    }

    /** rcp.xml replies leave this long after the request arrived (slow camera); zero for none. */
    public void setRcpReplyDelay(Duration delay) {
        http.setReplyDelay(delay.toMillis());
    }

    /** For example {@code rtspUrl("/?inst=1")}; never carries credentials. */
    public String rtspUrl(String pathAndQuery) {
        return "rtsp://" + spec.bindHost() + ":" + rtspPort() + leadingSlash(pathAndQuery);
    }

    /** For example {@code httpUrl("/snap.jpg")}; never carries credentials. */
    public String httpUrl(String pathAndQuery) {
        return "http://" + spec.bindHost() + ":" + httpPort() + leadingSlash(pathAndQuery);
    }

    /** Viewers currently playing the main stream ({@code inst=1}). */
    public int activeRtspSessions() {
        return relay.playingCount();
    }

    /** Viewers currently playing the low-resolution second stream ({@code inst=2}). */
    public int activeSubstreamSessions() {
        return subRelay.playingCount();
    }

    /** True while the second stream's encoder runs (from its first viewer connection to the end of its last). */
    public boolean substreamEncoderRunning() {
        return subEncoder.running();
    }

    /** Viewer sessions that ever reached PLAY. */
    public long totalRtspSessions() {
        return relay.totalPlays();
    }

    /** Off: RTSP viewers are disconnected and new RTSP requests get 503 until switched on. */
    public void setRtspEnabled(boolean on) {
        rtsp.setEnabled(on);
    }

    /** Off: every HTTP request ({@code /snap.jpg}, {@code /rcp.xml}) gets 503 until switched on. */
    public void setHttpEnabled(boolean on) {
        http.setEnabled(on);
    }

    /** On: RTSP connections stay open and answer requests, but no media flows (a frozen encoder). */
    public void setStalled(boolean on) {
        relay.setStalled(on);
        subRelay.setStalled(on);
    }

    /** On: DESCRIBE's Content-Base names the address the viewer's connection arrived at (a camera behind NAT). */
    public void setContentBaseFromLocalAddress(boolean on) {
        rtsp.setContentBaseFromLocalAddress(on);
    }

    /** How long a viewer session lives without a request; 60 s as on Bosch cameras. */
    public void setRtspSessionTimeout(Duration timeout) {
        if (timeout.toMillis() < 1000) {
            throw new IllegalArgumentException("session timeout below one second: " + timeout);
        }
        rtsp.setSessionTimeout(timeout);
    }

    /** State of virtual alarm {@code num} (1..4), as set over rcp.xml tag 0x0a8b. */
    public boolean virtualAlarm(int num) {
        if (!virtualAlarms.inRange(num)) {
            throw new IllegalArgumentException("no virtual alarm " + num);
        }
        return virtualAlarms.get(num);
    }

    /** Every rcp.xml request so far (the last {@value RcpTagTable#TRACE_LIMIT}), oldest first. */
    public List<RcpRequestTrace> rcpTrace() {
        return rcp.trace();
    }

    /** Times the encoder was restarted after an unexpected exit. */
    public int encoderRestarts() {
        PictureSource p;
        synchronized (this) {
            p = picture;
        }
        return p == null ? 0 : p.restarts();
    }

    @Override
    public void close() {
        PictureSource p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            p = picture;
        }
        // Encoders first: quitting, they tear down their own RTSP sessions while the server still listens.
        subEncoder.close();
        if (p != null) {
            p.close();
        }
        rtsp.close();
        http.close();
    }

    private static String leadingSlash(String pathAndQuery) {
        if (pathAndQuery == null || pathAndQuery.isEmpty()) {
            return "/";
        }
        return pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery;
    }

    @Override
    public String toString() {
        return "SimulatedCamera[" + spec.id() + "]";
    }
}
