package org.fieldcast.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stand-in for Fieldcast that serves only what a browser needs, so the pages can be tested without the
 * application server: the {@code webapp/} folder, the Bootstrap WebJar from the class path, a camera list
 * the test sets at {@code api/cameras}, the session and login answers it sets at {@code api/session},
 * and HLS test-pattern streams that ffmpeg writes into a temp folder under {@code hls/}. Listens on 127.0.0.1 only.
 */
public final class StaticSite implements AutoCloseable {

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            // Browsers refuse to run an ES module served with any other type.
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("ts", "video/mp2t"),
            Map.entry("md", "text/plain; charset=utf-8"));

    /**
     * The strict policy the pages must live with: no inline script or style, no eval, nothing from other
     * origins. hls.js feeds the video through a MediaSource, hence {@code blob:} for media. Violations are
     * reported back here, so a test can assert there were none.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; media-src 'self' blob:; worker-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; report-uri /csp-reports";

    private final List<String> cspReports = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService requests;
    private final Path webRoot;
    private final Path streamRoot;
    private final List<TestPatternStream> streams = new ArrayList<>();
    private volatile String camerasJson = "[]";
    private volatile int camerasStatus = 200;
    private volatile String problemsJson = "[]";
    private volatile int sessionStatus = 200;
    private volatile String sessionJson = """
            {"username":"tester","kind":"user","role":"operator","sites":[],"csrfToken":"stand-in-csrf"}""";
    private volatile int loginStatus = 401;
    private volatile String loginRetryAfter;
    private volatile int ssoStatus = 404;
    private volatile String ssoJson = "";
    private volatile int operatorStatus = 404;
    private volatile String operatorJson = "";

    private StaticSite(Path webRoot) throws IOException {
        this.webRoot = webRoot.toAbsolutePath().normalize();
        this.streamRoot = Files.createTempDirectory("fieldcast-static-site-");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // Several players poll playlists at once; one dispatcher thread would serialise them.
        this.requests = Executors.newFixedThreadPool(8);
        server.setExecutor(requests);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves the project's {@code webapp/} folder (found through the {@code fieldcast.project-dir} property). */
    public static StaticSite start() {
        return start(Path.of(System.getProperty("fieldcast.project-dir", ".")).resolve("webapp"));
    }

    public static StaticSite start(Path webRoot) {
        if (!Files.isRegularFile(webRoot.resolve("index.html"))) {
            throw new IllegalStateException("No index.html in " + webRoot.toAbsolutePath());
        }
        try {
            return new StaticSite(webRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the site is, e.g. {@code http://127.0.0.1:41234/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Sets the body of {@code GET api/cameras}, a JSON array in the shape Fieldcast serves. */
    public void camerasJson(String json) {
        this.camerasJson = json;
        this.camerasStatus = 200;
    }

    /** Sets the body of {@code GET api/problems}, a JSON array of station problems; {@code []} at first. */
    public void problemsJson(String json) {
        this.problemsJson = json;
    }

    /** Sets the answer to {@code GET api/session} (who is logged in); an operator with a CSRF token at first. */
    public void session(int status, String json) {
        this.sessionStatus = status;
        this.sessionJson = json;
    }

    /** Sets the answer to every login ({@code POST api/session}): 401 at first; a 429 carries {@code Retry-After}. */
    public void answerLogins(int status, String retryAfter) {
        this.loginStatus = status;
        this.loginRetryAfter = retryAfter;
    }

    /** Sets the answer to {@code GET api/session/sso} (is single sign-on set up): 404 at first. */
    public void singleSignOn(int status, String json) {
        this.ssoStatus = status;
        this.ssoJson = json;
    }

    /** Sets the answer to {@code GET api/cameras/{id}/operator} for every camera: 404 at first. */
    public void lastOperator(int status, String json) {
        this.operatorStatus = status;
        this.operatorJson = json;
    }

    /** Makes {@code GET api/cameras} answer with this error status until {@link #camerasJson} is called. */
    public void failCameras(int status) {
        this.camerasStatus = status;
    }

    /** The Content-Security-Policy violation reports browsers have sent so far, as JSON texts. */
    public List<String> cspReports() {
        return List.copyOf(cspReports);
    }

    /**
     * Starts a moving test pattern (H.264, 640x360, 25 fps, 1 s segments) as a live HLS stream and waits
     * until its playlist lists a few segments, so a player can start at once.
     *
     * @return the playlist's URL relative to {@link #baseUri()}, as {@code streams.hls} carries it
     */
    public String startTestStream(String name) {
        Path folder = streamRoot.resolve(name);
        TestPatternStream stream = TestPatternStream.start(folder);
        synchronized (streams) {
            streams.add(stream);
        }
        stream.awaitSegments(3, Duration.ofSeconds(30));
        return "hls/" + name + "/index.m3u8";
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
        synchronized (streams) {
            streams.forEach(TestPatternStream::stop);
            streams.clear();
        }
        deleteTree(streamRoot);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/csp-reports") && "POST".equals(exchange.getRequestMethod())) {
                cspReports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                send(exchange, 204, "text/plain", new byte[0]);
            } else if (path.equals("/api/session") && "POST".equals(exchange.getRequestMethod())) {
                exchange.getRequestBody().readAllBytes();
                if (loginRetryAfter != null) {
                    exchange.getResponseHeaders().set("Retry-After", loginRetryAfter);
                }
                send(exchange, loginStatus, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", new byte[0]);
            } else if (path.equals("/api/cameras")) {
                send(exchange, camerasStatus, "application/json", camerasJson.getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/session")) {
                send(exchange, sessionStatus, "application/json", sessionJson.getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/session/sso")) {
                send(exchange, ssoStatus, "application/json", ssoJson.getBytes(StandardCharsets.UTF_8));
            } else if (path.matches("/api/cameras/[^/]+/operator")) {
                send(exchange, operatorStatus, "application/json", operatorJson.getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/problems")) {
                send(exchange, 200, "application/json", problemsJson.getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/webjars/")) {
                sendResource(exchange, "META-INF/resources" + path);
            } else if (path.startsWith("/hls/")) {
                sendFile(exchange, streamRoot, path.substring("/hls/".length()));
            } else {
                sendFile(exchange, webRoot, path.equals("/") ? "index.html" : path.substring(1));
            }
        }
    }

    private void sendFile(HttpExchange exchange, Path root, String relative) throws IOException {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException deletedMeanwhile) {
            send(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        send(exchange, 200, contentType(file.getFileName().toString()), body);
    }

    private void sendResource(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = StaticSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", new byte[0]);
            } else {
                send(exchange, 200, contentType(name), in.readAllBytes());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        // Live playlists change every second, and the tests edit pages between runs.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A file ffmpeg was still writing; the temp folder is cleaned by the OS eventually.
        }
    }

    /** One ffmpeg writing a live HLS test pattern into a folder; owned and stopped by the site. */
    private static final class TestPatternStream {
        // Bounds the run even if close() is never reached: a test needs far less than this.
        private static final String MAX_SECONDS = "900";

        private final Process ffmpeg;
        private final Path playlist;

        private TestPatternStream(Process ffmpeg, Path playlist) {
            this.ffmpeg = ffmpeg;
            this.playlist = playlist;
        }

        static TestPatternStream start(Path folder) {
            try {
                Files.createDirectories(folder);
                Path log = folder.resolveSibling(folder.getFileName() + "-ffmpeg.log");
                Process process = new ProcessBuilder(command(folder))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                return new TestPatternStream(process, folder.resolve("index.m3u8"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start ffmpeg (is it installed?)", e);
            }
        }

        private static List<String> command(Path folder) {
            return List.of(System.getProperty("fieldcast.ffmpeg", "ffmpeg"),
                    "-hide_banner", "-nostats", "-loglevel", "error",
                    "-re", // real time, like a camera, or the window would race ahead of the player
                    "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                    "-t", MAX_SECONDS,
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                    "-pix_fmt", "yuv420p", // the profile every browser decodes
                    "-g", "25", // a keyframe per second, so every 1 s segment can start a player
                    "-f", "hls", "-hls_time", "1", "-hls_list_size", "6",
                    "-hls_flags", "delete_segments",
                    "-hls_segment_filename", folder.resolve("segment%05d.ts").toString(),
                    folder.resolve("index.m3u8").toString());
        }

        void awaitSegments(int count, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (segmentsListed() < count) {
                if (!ffmpeg.isAlive()) {
                    throw new IllegalStateException("ffmpeg exited with " + ffmpeg.exitValue()
                            + "; see " + playlist.getParent().getFileName() + "-ffmpeg.log");
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("No HLS playlist with " + count + " segments after " + timeout);
                }
                sleep(200);
            }
        }

        private long segmentsListed() {
            try {
                return Files.readAllLines(playlist).stream().filter(line -> line.startsWith("#EXTINF")).count();
            } catch (IOException notWrittenYet) {
                return 0;
            }
        }

        /** Asks ffmpeg to finish ('q' on stdin), then forces it after a short wait. */
        void stop() {
            try {
                ffmpeg.getOutputStream().write('q');
                ffmpeg.getOutputStream().flush();
            } catch (IOException alreadyGone) {
                // Nothing to ask; the checks below still apply.
            }
            try {
                if (!ffmpeg.waitFor(3, TimeUnit.SECONDS)) {
                    ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                ffmpeg.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for ffmpeg", e);
            }
        }
    }
}
