package org.fieldcast.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * A camera's HTTP port: {@code GET /snap.jpg} (RCP+ 5.1) and {@code GET /rcp.xml} (RCP+ 1), both
 * behind the camera's authentication. RCP+ failures are HTTP 200 with {@code <err>}, as on a camera;
 * HTTP status codes are only for authentication, missing pages and the fault switch.
 */
final class CameraHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CameraHttpServer.class.getName());

    private final String bindHost;
    private final int requestedPort;
    private final CameraAuthenticator authenticator;
    private final LatestSnapshot snapshot;
    private final RcpTagTable rcp;
    private final Executor executor;
    private HttpServer server;
    private HttpsServer httpsServer;
    private volatile boolean enabled = true;
    private volatile long replyDelayMillis;

    CameraHttpServer(String bindHost, int port, CameraAuthenticator authenticator, LatestSnapshot snapshot,
            RcpTagTable rcp, Executor executor) {
        this.bindHost = bindHost;
        this.requestedPort = port;
        this.authenticator = authenticator;
        this.snapshot = snapshot;
        this.rcp = rcp;
        this.executor = executor;
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindHost), requestedPort), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The same pages over HTTPS with this certificate, as Bosch cameras serve them on 443 (RCP+ 5.4). */
    void startHttps(int port, SSLContext tls) throws IOException {
        httpsServer = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(bindHost), port), 64);
        httpsServer.setHttpsConfigurator(new HttpsConfigurator(tls));
        httpsServer.createContext("/", this::handle);
        httpsServer.setExecutor(executor);
        httpsServer.start();
    }

    int httpsPort() {
        if (httpsServer == null) {
            throw new IllegalStateException("HTTPS not started");
        }
        return httpsServer.getAddress().getPort();
    }

    /** Fault switch: rcp.xml answers only after this long, as a camera on a congested link. */
    void setReplyDelay(long millis) {
        replyDelayMillis = millis;
    }

    int port() {
        if (server == null) {
            throw new IllegalStateException("HTTP server not started");
        }
        return server.getAddress().getPort();
    }

    /** Off: every request gets 503, as a camera whose web server is overloaded or restarting. */
    void setEnabled(boolean on) {
        enabled = on;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!enabled) {
                sendText(exchange, 503, "Service Unavailable");
            } else if (!path.equals("/snap.jpg") && !path.equals("/rcp.xml")) {
                sendText(exchange, 404, "Not Found");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendText(exchange, 405, "Method Not Allowed");
            } else {
                Optional<AccessLevel> level = authenticator.authenticate("GET",
                        exchange.getRequestHeaders().getFirst("Authorization"));
                if (level.isEmpty()) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", authenticator.challenge());
                    sendText(exchange, 401, "Unauthorized");
                } else if (path.equals("/snap.jpg")) {
                    snap(exchange, QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
                } else {
                    rcpXml(exchange, QueryParameters.parse(exchange.getRequestURI().getRawQuery()), level.get());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "HTTP exchange failed", e);
        }
    }

    private void snap(HttpExchange exchange, Map<String, String> query) throws IOException {
        // One imager: any other JpegCam is an error rather than the wrong picture (RCP+ 5.1).
        if (RcpRequest.parseNumber(query.getOrDefault("JpegCam", "1")) != 1) {
            sendText(exchange, 404, "No such camera line");
            return;
        }
        Optional<byte[]> latest = snapshot.latest();
        if (latest.isEmpty()) {
            sendText(exchange, 503, "No picture yet");
            return;
        }
        byte[] jpeg = latest.get();
        int width = SnapshotScaler.widthFor(query.get("JpegSize"));
        if (width > 0) {
            jpeg = SnapshotScaler.scale(jpeg, width, RcpRequest.parseNumber(query.getOrDefault("JpegQuality", "")));
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, "image/jpeg", jpeg);
    }

    private void rcpXml(HttpExchange exchange, Map<String, String> query, AccessLevel level) throws IOException {
        RcpRequest request = RcpRequest.fromQuery(query);
        RcpReply reply = rcp.handle(request, level);
        String xml = RcpXml.format(request, reply, level, ThreadLocalRandom.current().nextInt(0x10000));
        long delay = replyDelayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay); // after handling, so the trace keeps the time the request arrived
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        send(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (httpsServer != null) {
            httpsServer.stop(0);
        }
    }
}
