package org.fieldcast.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark's own web server on 127.0.0.1: the probe page ({@code /bench/}, from the test class
 * path), the project's {@code webapp/} (our player and the vendored hls.js, at {@code /webapp/}),
 * the baseline's HLS files ({@code /baseline/}) and the baseline MJPEG relays ({@code /relay/NAME.mjpg}:
 * a plain {@code ffmpeg -f mpjpeg} per request, its output copied as it comes).
 */
final class BenchSite implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "m3u8", "application/vnd.apple.mpegurl",
            "mp4", "video/mp4",
            "m4s", "video/mp4");

    private final HttpServer server;
    private final ExecutorService requests;
    private final Path webapp;
    private final Map<String, Path> fileRoots = new ConcurrentHashMap<>();
    private final Map<String, String> relays = new ConcurrentHashMap<>();
    private final List<Process> relayProcesses = new CopyOnWriteArrayList<>();

    private BenchSite(Path webapp) throws IOException {
        this.webapp = webapp.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // A relay holds its thread for the whole stream; hls.js polls while one plays.
        this.requests = Executors.newFixedThreadPool(16);
        server.setExecutor(requests);
        server.createContext("/", this::handle);
        server.start();
    }

    static BenchSite start() throws IOException {
        return new BenchSite(Path.of(System.getProperty("fieldcast.project-dir", ".")).resolve("webapp"));
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Serves a folder's files at {@code /NAME/}, e.g. a baseline's HLS output. */
    String serveFolder(String name, Path folder) {
        fileRoots.put(name, folder.toAbsolutePath().normalize());
        return baseUri().resolve(name + "/").toString();
    }

    /** Makes {@code /relay/NAME.mjpg} relay that RTSP URL as plain ffmpeg MJPEG. */
    String relayMjpeg(String name, String rtspUrl) {
        relays.put(name, rtspUrl);
        return baseUri().resolve("relay/" + name + ".mjpg").toString();
    }

    @Override
    public void close() {
        server.stop(0);
        relayProcesses.forEach(Processes::stopFfmpeg);
        requests.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.substring(1).split("/", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            if (parts[0].equals("bench")) {
                resource(exchange, "bench/" + rest);
            } else if (parts[0].equals("webapp")) {
                file(exchange, webapp, rest);
            } else if (parts[0].equals("relay") && rest.endsWith(".mjpg")) {
                relay(exchange, relays.get(rest.substring(0, rest.length() - ".mjpg".length())));
            } else if (fileRoots.containsKey(parts[0])) {
                file(exchange, fileRoots.get(parts[0]), rest);
            } else {
                send(exchange, 404, "text/plain", new byte[0]);
            }
        }
    }

    private void resource(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = BenchSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null || name.contains("..")) {
                send(exchange, 404, "text/plain", new byte[0]);
            } else {
                send(exchange, 200, type(name), in.readAllBytes());
            }
        }
    }

    private static void file(HttpExchange exchange, Path root, String relative) throws IOException {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        try {
            send(exchange, 200, type(relative), Files.readAllBytes(file));
        } catch (NoSuchFileException deletedMeanwhile) {
            send(exchange, 404, "text/plain", new byte[0]); // ffmpeg rotated the segment out
        }
    }

    /** One plain ffmpeg per viewer, as the simplest MJPEG relay would do it. */
    private void relay(HttpExchange exchange, String rtspUrl) throws IOException {
        if (rtspUrl == null) {
            send(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error",
                "-rtsp_transport", "tcp", "-fflags", "nobuffer", "-analyzeduration", "500000", "-probesize", "500000",
                "-i", rtspUrl, "-an", "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        relayProcesses.add(ffmpeg);
        exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=ffmpeg");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = ffmpeg.getInputStream(); OutputStream out = exchange.getResponseBody()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush(); // a frame must not wait for the next one
            }
        } catch (IOException viewerLeft) {
            // the page closed the stream
        } finally {
            Processes.stopFfmpeg(ffmpeg);
            relayProcesses.remove(ffmpeg);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        // Live playlists change all the time; segments never do, but a fresh join should not hit a cache either.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String type(String name) {
        return TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
    }
}
