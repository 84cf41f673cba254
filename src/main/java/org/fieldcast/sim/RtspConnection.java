package org.fieldcast.sim;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TCP connection to a camera's RTSP port, served by one blocking task. It becomes either the
 * publisher (ffmpeg announcing and recording on {@code /__publish}, or {@code /__publish2} for the
 * second encoder instance) or a viewer (DESCRIBE, SETUP with TCP interleaved transport, PLAY) of one
 * instance, and serves both on the same socket as a camera would.
 */
final class RtspConnection implements Runnable {
    private static final Logger LOG = Logger.getLogger(RtspConnection.class.getName());
    private static final String VIEWER_METHODS = "OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN";
    private static final String PUBLISHER_METHODS = "OPTIONS, ANNOUNCE, SETUP, RECORD, TEARDOWN";
    /** How long a DESCRIBE waits for an encoder started on demand to announce its stream. */
    static final java.time.Duration ENCODER_START = java.time.Duration.ofSeconds(8);

    private final Socket socket;
    private final RtspServer server;
    private final RtspOutput output;
    /** Publisher only: interleaved channel to (track, is RTCP). */
    private final Map<Integer, int[]> publishedChannels = new HashMap<>();
    /** Written by the request loop, read by {@link #close()} from other threads. */
    private volatile ReaderSession session;
    private volatile boolean publisher;
    /** The encoder instance this connection publishes, or the one its session set up to read. */
    private volatile int instance = StreamPath.MAIN;
    /** The relay the playing session is attached to, or null. */
    private volatile StreamRelay attached;
    private volatile boolean closed;
    private long lastRequestNanos = System.nanoTime();

    RtspConnection(Socket socket, RtspServer server) throws IOException {
        this.socket = socket;
        this.server = server;
        this.output = new RtspOutput(socket.getOutputStream());
    }

    boolean isPublisher() {
        return publisher;
    }

    @Override
    public void run() {
        try {
            // A short timeout lets the loop notice idle sessions; RtspWireReader rides it out mid-message.
            socket.setSoTimeout(1000);
            socket.setTcpNoDelay(true);
            RtspWireReader in = new RtspWireReader(socket.getInputStream());
            while (!closed) {
                RtspInbound message;
                try {
                    message = in.next();
                } catch (SocketTimeoutException idle) {
                    dropIfIdle();
                    continue;
                }
                if (message == null) {
                    break;
                }
                if (message instanceof InterleavedFrame frame) {
                    onFrame(frame);
                } else {
                    onRequest((RtspRequest) message);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.FINE, "RTSP connection from " + socket.getRemoteSocketAddress() + " ended", e);
            }
        } finally {
            cleanUp();
        }
    }

    /** Ends the connection from another thread; the blocked read fails and {@link #run} cleans up. */
    void close() {
        closed = true;
        ReaderSession s = session;
        if (s != null) {
            s.end();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void cleanUp() {
        ReaderSession s = session;
        if (s != null) {
            s.end();
            detach(s);
        }
        if (publisher) {
            server.relay(instance).publisherGone(this);
        }
        server.release(this);
        server.forget(this);
        close();
    }

    /** Bosch drops a session after about 60 s without any request (RCP+ 5.2, 8.10); RTCP does not count. */
    private void dropIfIdle() {
        if (publisher) {
            return;
        }
        long idleNanos = System.nanoTime() - lastRequestNanos;
        if (idleNanos > server.sessionTimeout().toNanos()) {
            LOG.fine(() -> "dropping RTSP connection " + socket.getRemoteSocketAddress() + " after " + server.sessionTimeout() + " without a request");
            close();
        }
    }

    private void onFrame(InterleavedFrame frame) {
        int[] trackAndRtcp = publishedChannels.get(frame.channel());
        if (publisher && trackAndRtcp != null) {
            server.relay(instance).onPacket(this, trackAndRtcp[0], trackAndRtcp[1] == 1, frame.data());
        }
        // Viewers' receiver reports need no answer.
    }

    private void onRequest(RtspRequest req) throws IOException {
        lastRequestNanos = System.nanoTime();
        StreamPath target = StreamPath.parse(req.uri());
        if (target.kind() == StreamPath.Kind.PUBLISH) {
            onPublisherRequest(req, target);
            return;
        }
        if (!server.enabled()) {
            reply(req, RtspResponse.status(503));
            close();
            return;
        }
        if (target.kind() == StreamPath.Kind.NOT_FOUND) {
            reply(req, RtspResponse.status(404));
            return;
        }
        if (!req.method().equals("OPTIONS") && !authorized(req)) {
            return;
        }
        if (req.method().equals("DESCRIBE") || req.method().equals("SETUP")) {
            server.hold(target.instance(), this); // an encoder on demand starts for its first viewer
        }
        switch (req.method()) {
            case "OPTIONS" -> reply(req, withSession(RtspResponse.status(200).header("Public", VIEWER_METHODS)));
            case "DESCRIBE" -> describe(req, target);
            case "SETUP" -> setUp(req, target);
            case "PLAY" -> play(req);
            case "GET_PARAMETER" -> reply(req, withSession(RtspResponse.status(200)));
            case "TEARDOWN" -> tearDown(req);
            default -> reply(req, RtspResponse.status(501).header("Public", VIEWER_METHODS));
        }
    }

    private boolean authorized(RtspRequest req) throws IOException {
        CameraAuthenticator auth = server.authenticator();
        Optional<AccessLevel> level = auth.authenticate(req.method(), req.header("Authorization"));
        if (level.isEmpty()) {
            reply(req, RtspResponse.status(401).header("WWW-Authenticate", auth.challenge()));
        }
        return level.isPresent();
    }

    private void describe(RtspRequest req, StreamPath target) throws IOException {
        SdpRewriter.ReaderSdp sdp = server.relay(target.instance()).readerSdp();
        if (sdp == null && server.onDemand(target.instance())) {
            try {
                sdp = server.relay(target.instance()).awaitReaderSdp(ENCODER_START);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (sdp == null) {
            reply(req, RtspResponse.status(503)); // the encoder has not started yet
            return;
        }
        reply(req, RtspResponse.status(200)
                .header("Content-Base", server.contentBaseFromLocalAddress() ? localContentBase(req.uri()) : contentBase(req.uri()))
                .body("application/sdp", sdp.text()));
    }

    private void setUp(RtspRequest req, StreamPath target) throws IOException {
        if (session != null && target.instance() != instance) {
            reply(req, RtspResponse.status(459)); // one session reads one encoder instance
            return;
        }
        SdpRewriter.ReaderSdp sdp = server.relay(target.instance()).readerSdp();
        if (sdp == null) {
            reply(req, RtspResponse.status(503));
            return;
        }
        int track = Math.max(target.track(), 0);
        if (track >= sdp.tracks()) {
            reply(req, RtspResponse.status(404));
            return;
        }
        if (session != null && req.sessionId() != null && !session.id().equals(req.sessionId())) {
            reply(req, RtspResponse.status(454));
            return;
        }
        int[] channels = InterleavedTransport.parse(req.header("Transport"), 2 * track);
        if (channels == null) {
            // Only RTP over the RTSP connection: it is what crosses the sites' NAT gateways.
            reply(req, RtspResponse.status(461));
            return;
        }
        if (session == null) {
            session = new ReaderSession();
            instance = target.instance();
        }
        session.setUp(track, channels[0], req.uri());
        reply(req, withSession(RtspResponse.status(200)
                .header("Transport", "RTP/AVP/TCP;unicast;interleaved=" + channels[0] + "-" + channels[1])));
    }

    private void play(RtspRequest req) throws IOException {
        ReaderSession s = session;
        if (s == null || !s.hasTracks()) {
            reply(req, RtspResponse.status(455));
            return;
        }
        if (req.sessionId() != null && !s.id().equals(req.sessionId())) {
            reply(req, RtspResponse.status(454));
            return;
        }
        RtspResponse ok = withSession(RtspResponse.status(200)).header("Range", "npt=0.000-");
        if (s.playing()) {
            reply(req, ok);
            return;
        }
        StreamRelay relay = server.relay(instance);
        StreamRelay.PlayStart start = relay.attach(s);
        attached = relay;
        s.markPlaying();
        if (start != null && s.setupUrl(start.track()) != null) {
            ok.header("RTP-Info", "url=" + s.setupUrl(start.track()) + ";seq=" + start.sequence() + ";rtptime=" + start.timestamp());
        }
        reply(req, ok);
        // Started only after the reply is on the wire, so no packet can precede it.
        server.execute(() -> s.pump(output, this::close));
    }

    private void tearDown(RtspRequest req) throws IOException {
        ReaderSession s = session;
        session = null;
        if (s != null) {
            s.end();
            detach(s);
        }
        reply(req, RtspResponse.status(200));
    }

    private void onPublisherRequest(RtspRequest req, StreamPath target) throws IOException {
        // The encoder runs on this machine; nobody else may feed the camera.
        if (!"127.0.0.1".equals(socket.getInetAddress().getHostAddress())) {
            reply(req, RtspResponse.status(403));
            close();
            return;
        }
        switch (req.method()) {
            case "OPTIONS" -> reply(req, RtspResponse.status(200).header("Public", PUBLISHER_METHODS));
            case "ANNOUNCE" -> {
                publisher = true;
                instance = target.instance();
                server.relay(instance).announce(this, new String(req.body(), StandardCharsets.UTF_8));
                reply(req, RtspResponse.status(200));
            }
            case "SETUP" -> {
                int track = Math.max(target.track(), 0);
                int[] channels = InterleavedTransport.parse(req.header("Transport"), 2 * track);
                if (channels == null) {
                    reply(req, RtspResponse.status(461));
                    return;
                }
                publishedChannels.put(channels[0], new int[] {track, 0});
                publishedChannels.put(channels[1], new int[] {track, 1});
                reply(req, RtspResponse.status(200).header("Session", "publisher")
                        .header("Transport", "RTP/AVP/TCP;unicast;interleaved=" + channels[0] + "-" + channels[1] + ";mode=record"));
            }
            case "RECORD" -> reply(req, RtspResponse.status(200).header("Session", "publisher"));
            case "TEARDOWN" -> {
                reply(req, RtspResponse.status(200));
                close();
            }
            default -> reply(req, RtspResponse.status(501).header("Public", PUBLISHER_METHODS));
        }
    }

    private void detach(ReaderSession s) {
        StreamRelay relay = attached;
        attached = null;
        if (relay != null) {
            relay.detach(s);
        }
    }

    private RtspResponse withSession(RtspResponse response) {
        ReaderSession s = session;
        if (s != null) {
            response.header("Session", s.id() + ";timeout=" + server.sessionTimeout().toSeconds());
        }
        return response;
    }

    private void reply(RtspRequest req, RtspResponse response) throws IOException {
        output.response(response.toBytes(req.cseq()));
    }

    /** The request URL's path and query under the address this connection arrived at (private, behind NAT). */
    private String localContentBase(String requestUrl) {
        String local = socket.getLocalAddress().getHostAddress();
        String host = local.contains(":") ? "[" + local + "]" : local;
        int scheme = requestUrl.indexOf("://");
        int path = scheme < 0 ? 0 : requestUrl.indexOf('/', scheme + 3);
        String rest = path < 0 ? "/" : requestUrl.substring(path);
        return contentBase("rtsp://" + host + ":" + socket.getLocalPort() + rest);
    }

    /** The request URL plus a slash: relative track controls resolve under it. */
    static String contentBase(String requestUrl) {
        return requestUrl.endsWith("/") ? requestUrl : requestUrl + "/";
    }
}
