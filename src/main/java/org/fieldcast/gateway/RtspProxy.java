package org.fieldcast.gateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.camera.CameraAuthorization;
import org.fieldcast.rtp.VideoRtpTap;
/**
 * A loopback RTSP proxy for one pull, so that ffmpeg's command line names
 * {@code rtsp://127.0.0.1:port/camera-id/...} and never a password, which the process list would show.
 * It accepts ffmpeg's one connection, opens the camera's (directly or through the gateways), and
 * relays both ways: it answers the camera's Basic or Digest challenges itself, numbers the requests
 * it sends (a retried request needs a new CSeq) and gives ffmpeg its own numbers back, and moves
 * the URLs the camera names under the proxy. Media frames pass through untouched; a SETUP for any
 * transport but TCP interleaved is refused (461), since only this one connection crosses the gateways.
 *
 * <p>Runs two tasks on the executor it is given; {@link #close()} ends both.
 */
final class RtspProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RtspProxy.class.getName());
    /** ffmpeg connects right after it starts; one that has not connected by then never will. */
    private static final int ACCEPT_TIMEOUT_MILLIS = 15_000;

    /** A request sent to the camera, kept until its response, to be asked again after a challenge. */
    private record Pending(String clientCseq, RtspMessage request, boolean retried, String sentAuthorization) {
    }

    private final String cameraId;
    private final Endpoint endpoint;
    private final CameraAuthorization auth;
    private final Duration connectTimeout;
    private final Executor executor;
    private final Runnable onUnreachable;
    private final ServerSocket listener;
    private final RtspUrls urls;
    private final String url;
    private final AtomicInteger cseq = new AtomicInteger();
    private final VideoRtpTap videoTap;
    private final java.util.function.Consumer<String> onDescribed;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private volatile Socket client;
    private volatile Socket camera;
    private volatile boolean closed;
    private volatile String failure;
    private OutputStream toClient;
    private OutputStream toCamera;

    /**
     * @param rtspPath      the camera's stream path, e.g. {@code /?inst=1}
     * @param onUnreachable told when the camera's endpoint could not be reached, so the route is chosen again
     * @param onDescribed   gets the camera's session description (before its URLs are rewritten), on the proxy's thread
     */
    RtspProxy(String cameraId, Endpoint endpoint, String rtspPath, CameraAuthorization auth, Duration connectTimeout,
              Executor executor, Runnable onUnreachable, java.util.function.Consumer<String> onDescribed) throws IOException {
        this.cameraId = cameraId;
        this.endpoint = endpoint;
        this.auth = auth;
        this.connectTimeout = connectTimeout;
        this.executor = executor;
        this.onUnreachable = onUnreachable;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
        listener.setSoTimeout(ACCEPT_TIMEOUT_MILLIS);
        String proxyBase = "rtsp://127.0.0.1:" + listener.getLocalPort() + "/" + cameraId;
        this.urls = new RtspUrls(proxyBase, endpoint.base("rtsp").toString().replaceAll("/$", ""));
        this.url = proxyBase + rtspPath;
        this.videoTap = new VideoRtpTap(cameraId);
        this.onDescribed = onDescribed;
    }

    /** The camera's video as it passes, for the sub-second path. */
    VideoRtpTap videoTap() {
        return videoTap;
    }

    /** Starts waiting for ffmpeg. */
    RtspProxy start() {
        executor.execute(this::serveClient);
        return this;
    }

    /** Why the camera was not reached or refused us, when it was not or did; null otherwise. */
    String failure() {
        return failure;
    }

    /** What ffmpeg opens: loopback, no credentials. */
    String url() {
        return url;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        closeQuietly(client);
        closeQuietly(camera);
    }

    private void serveClient() {
        try (Socket accepted = listener.accept()) {
            client = accepted;
            listener.close(); // one pull, one connection
            accepted.setTcpNoDelay(true);
            InputStream fromClient = new BufferedInputStream(accepted.getInputStream());
            toClient = new BufferedOutputStream(accepted.getOutputStream());
            RtspReader reader = new RtspReader(fromClient);
            if (!connectCamera(reader)) {
                return;
            }
            executor.execute(this::serveCamera);
            for (Object unit = reader.next(); unit != null && !closed; unit = reader.next()) {
                if (unit instanceof RtspMessage message) {
                    fromClient(message);
                } else {
                    send(toCamera, (byte[]) unit, true);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.log(Level.FINE, "camera " + cameraId + ": RTSP proxy, ffmpeg's side ended", e);
            }
        } finally {
            close();
        }
    }

    /** Opens the camera's connection; when it fails, ffmpeg's first request is answered with why. */
    private boolean connectCamera(RtspReader reader) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) connectTimeout.toMillis());
            socket.setTcpNoDelay(true);
            camera = socket;
            toCamera = new BufferedOutputStream(socket.getOutputStream());
            return true;
        } catch (IOException e) {
            closeQuietly(socket);
            failure = "camera " + endpoint + " unreachable, connecting failed: " + e.getMessage();
            onUnreachable.run();
            Object first = reader.next();
            if (first instanceof RtspMessage request && !request.isResponse()) {
                RtspMessage refusal = new RtspMessage("RTSP/1.0 502 Bad Gateway", List.of(), new byte[0]);
                refusal.setStatus(502, failure);
                refusal.setHeader("CSeq", request.header("CSeq"));
                send(toClient, refusal.toBytes(), true);
            }
            return false;
        }
    }

    private void serveCamera() {
        try {
            CameraInput fromCamera = new CameraInput(camera.getInputStream());
            RtspReader reader = new RtspReader(fromCamera);
            for (Object unit = reader.next(); unit != null && !closed; unit = reader.next()) {
                if (unit instanceof RtspMessage message) {
                    fromCamera(message);
                } else {
                    // Flush when nothing more is waiting: whole bursts go out in one write, yet no frame waits.
                    send(toClient, (byte[]) unit, fromCamera.nothingWaiting());
                    videoTap.interleaved((byte[]) unit); // after the relay: ffmpeg never waits for it
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.log(Level.FINE, "camera " + cameraId + ": RTSP proxy, the camera's side ended", e);
            }
        } finally {
            close();
        }
    }

    private void fromClient(RtspMessage message) throws IOException {
        if (message.isResponse()) {
            send(toCamera, message.toBytes(), true); // ffmpeg answering a request of the camera
            return;
        }
        if (message.method().equals("SETUP") && !String.valueOf(message.header("Transport")).toUpperCase().contains("/TCP")) {
            // Only this connection crosses the proxy and the gateways: media must come interleaved in it.
            RtspMessage refusal = new RtspMessage("RTSP/1.0 461 Unsupported Transport", List.of(), new byte[0]);
            refusal.setHeader("CSeq", message.header("CSeq"));
            send(toClient, refusal.toBytes(), true);
            return;
        }
        RtspMessage request = message.copy();
        request.setUri(urls.toCamera(message.uri()));
        request.setHeader("Authorization", null);
        sendRequest(new Pending(message.header("CSeq"), request, false, null));
    }

    private void sendRequest(Pending p) throws IOException {
        int seq = cseq.incrementAndGet();
        RtspMessage out = p.request().copy();
        out.setHeader("CSeq", Integer.toString(seq));
        String authorization = auth.header(out.method(), out.uri()).orElse(null);
        out.setHeader("Authorization", authorization);
        pending.put(seq, new Pending(p.clientCseq(), p.request(), p.retried(), authorization));
        send(toCamera, out.toBytes(), true);
    }

    private void fromCamera(RtspMessage message) throws IOException {
        if (!message.isResponse()) {
            send(toClient, message.toBytes(), true); // a request of the camera (rare: ANNOUNCE, GET_PARAMETER)
            return;
        }
        Pending p = pending.remove(parseCseq(message.header("CSeq")));
        if (p != null && message.status() == 401 && !p.retried()
                && auth.challenged(message.headers("WWW-Authenticate"), p.sentAuthorization())) {
            sendRequest(new Pending(p.clientCseq(), p.request(), true, null));
            return;
        }
        if (p != null) {
            message.setHeader("CSeq", p.clientCseq());
        }
        if (message.status() == 401) {
            // ffmpeg holds no credentials to try; say plainly whose they were.
            failure = "Unauthorized: camera " + cameraId + " refused the credentials stored for it";
            message.setStatus(401, failure);
            message.setHeader("WWW-Authenticate", null);
        }
        for (String name : new String[] {"Content-Base", "Content-Location", "RTP-Info", "Location"}) {
            String value = message.header(name);
            if (value != null) {
                message.setHeader(name, urls.toProxy(value));
            }
        }
        if (p != null && message.status() == 200 && p.request().method().equals("SETUP")) {
            videoTap.setUp(p.request().uri(), message.header("Transport"));
        }
        if (message.body().length > 0 && String.valueOf(message.header("Content-Type")).toLowerCase().contains("sdp")) {
            String sdp = new String(message.body(), StandardCharsets.UTF_8);
            videoTap.described(sdp);
            onDescribed.accept(sdp);
            message.setBody(urls.toProxy(new String(message.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
        send(toClient, message.toBytes(), true);
    }

    private static int parseCseq(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The camera's side, buffered, and able to tell whether more has arrived without a system call when it can. */
    private static final class CameraInput extends BufferedInputStream {
        CameraInput(InputStream in) {
            super(in, 64 * 1024); // a whole frame's packets usually arrive in one read
        }

        /**
         * As {@code available() == 0}, but asks the kernel only when this buffer is empty: that
         * question per RTP packet was the proxy's most frequent system call.
         */
        synchronized boolean nothingWaiting() throws IOException {
            return count == pos && in.available() == 0;
        }
    }

    private static void send(OutputStream out, byte[] bytes, boolean flush) throws IOException {
        synchronized (out) {
            out.write(bytes);
            if (flush) {
                out.flush();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    @Override
    public String toString() {
        return "RtspProxy[" + cameraId + " " + url + " -> " + endpoint + "]";
    }
}
