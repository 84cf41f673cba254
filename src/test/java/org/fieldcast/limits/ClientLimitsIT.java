package org.fieldcast.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.FieldcastServer;

/**
 * What one client address may hold, against a real Fieldcast (the demo site: a fixed camera and a PTZ
 * one) started with small limits. Loopback is limited here like any other address, and trusted as a
 * proxy, so a request may name another client in {@code X-Forwarded-For}. Every test gives back what it
 * held, and the server notices within moments, so the tests do not depend on each other.
 */
class ClientLimitsIT {
    static final String FIXED = "demo-fixed-1";
    static final String PTZ = "demo-ptz-1";
    static final int SOCKETS = 3;

    static FieldcastServer server;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final HttpClient sockets = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final List<Client> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = FieldcastServer.start(Map.of(
                "FIELDCAST_LIMITS_UNLIMITED_ADDRESSES", "none",
                "FIELDCAST_LIMITS_SOCKETS", Integer.toString(SOCKETS),
                "FIELDCAST_LIMITS_HELD_REQUESTS", "2",
                "FIELDCAST_LIMITS_MJPEG_STREAMS", "1",
                "FIELDCAST_LIMITS_TRANSCODERS", "1",
                "FIELDCAST_MJPEG_SOCKET_CAMERAS", "2",
                "FIELDCAST_LIMITS_PING_INTERVAL", "PT1S",
                "FIELDCAST_LIMITS_PONG_TIMEOUT", "PT3S",
                "FIELDCAST_HTTP_TRUSTED_PROXIES", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeSockets() {
        opened.forEach(Client::close);
    }

    @Test
    void theSocketBeyondTheLimitIsRefusedWhicheverEndpointsHoldTheOthers() throws Exception {
        Client health = open("ws/health", true);
        Client frames = open("ws/frames", true);
        Client ptz = open("ws/cameras/" + PTZ + "/ptz", true);
        health.awaitText();

        Client refused = open("ws/health", true);
        assertEquals(1013, refused.closeCode(), "try again later");
        assertEquals("at most " + SOCKETS + " WebSockets per client address", refused.closeReason);
        assertTrue(refused.texts().isEmpty(), "no health for a refused socket: " + refused.texts());

        frames.close();
        assertTrue(open("ws/health", true).admitted(), "a closed socket gives its place back");
        assertFalse(ptz.closed.isDone() || health.closed.isDone(), "the others were left alone");
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnSockets() throws Exception {
        for (int i = 0; i < SOCKETS; i++) {
            open("ws/health", true, "192.0.2.1");
        }
        assertEquals(1013, open("ws/health", true, "192.0.2.1").closeCode());
        assertTrue(open("ws/health", true, "192.0.2.2").admitted(), "another client behind the same proxy");
        assertTrue(open("ws/health", true).admitted(), "and the proxy's own address");
    }

    @Test
    void aSocketThatStopsAnsweringPingsIsClosedWhileSilentListenersStay() throws Exception {
        Client listening = open("ws/health", true); // never sends anything: its pongs are all it says
        Client alsoListening = open("ws/health", true);
        Client stalled = open("ws/health", false); // takes its first message and reads no more, pings included
        listening.awaitText();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Client replacement = null;
        while (replacement == null && System.nanoTime() < deadline) {
            Thread.sleep(500);
            Client next = open("ws/health", true);
            replacement = next.admitted() ? next : null;
        }
        assertTrue(replacement != null, "the stalled socket was closed within its 3 s pong timeout and a sweep or two");
        assertFalse(listening.closed.isDone() || alsoListening.closed.isDone(),
                "sockets that answer pings stay open, silent as they are: " + listening.closeReason + alsoListening.closeReason);
        assertEquals(1013, open("ws/health", true).closeCode(), "the listeners still hold their places");
        assertTrue(stalled.texts().size() <= 1);
    }

    @Test
    void tooManyHeldHlsRequestsGet429WithRetryAfter() throws Exception {
        assertEquals(200, server.get("hls/" + FIXED + "/index.m3u8").statusCode());
        String playlist = server.get("hls/" + FIXED + "/stream.m3u8").body();
        long segmentAfterNext = openMsn(playlist) + 1; // held for a segment or two
        String blocking = "hls/" + FIXED + "/stream.m3u8?_HLS_msn=" + segmentAfterNext;

        CompletableFuture<HttpResponse<String>> first = getAsync(blocking);
        CompletableFuture<HttpResponse<String>> second = getAsync(blocking);
        Thread.sleep(500);
        HttpResponse<String> third = server.get(blocking);

        assertEquals(429, third.statusCode(), third.body());
        assertEquals("application/json", third.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("{\"status\":429,\"error\":\"at most 2 held requests per client address\"}", third.body());
        assertEquals("1", third.headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, server.get(blocking.replace("=" + segmentAfterNext, "=" + (segmentAfterNext + 1))).statusCode(),
                "answered requests give their places back");
    }

    @Test
    void aSecondMjpegStreamBeyondTheLimitGets429() throws Exception {
        HttpResponse<InputStream> watching = http.send(request("mjpeg/" + FIXED + "/stream.mjpg"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = watching.body()) {
            assertEquals(200, watching.statusCode());
            HttpResponse<String> second = server.get("mjpeg/" + PTZ + "/stream.mjpg");
            assertEquals(429, second.statusCode(), second.body());
            assertEquals("{\"status\":429,\"error\":\"at most 1 MJPEG streams per client address\"}", second.body());
            assertEquals("5", second.headers().firstValue("Retry-After").orElse(""));
            // A snapshot that has to wait for a picture keeps a transcoder busy too (no one asked for
            // this camera's small profile before, so there is no picture to answer with at once).
            HttpResponse<String> snapshot = server.get("mjpeg/" + PTZ + "/snapshot.jpg?profile=small");
            assertEquals(429, snapshot.statusCode(), snapshot.body());
            assertTrue(snapshot.body().contains("transcoders"), snapshot.body());
            assertTrue(body.readNBytes(1024).length == 1024, "the first stream goes on");
        }
    }

    @Test
    void aFrameSocketIsToldWhichCamerasItCannotHaveAndGetsTheOthers() throws Exception {
        Client frames = open("ws/frames", true);
        frames.socket.sendText("{\"subscribe\":[\"" + FIXED + "\",\"" + PTZ + "\",\"no-such-cam\"]}", true).get(5, TimeUnit.SECONDS);

        frames.awaitTexts(2);
        assertTrue(frames.texts().contains("{\"error\":\"at most 2 cameras per socket\",\"camera\":\"no-such-cam\"}"),
                frames.texts().toString());
        assertTrue(frames.texts().contains("{\"error\":\"at most 1 JPEG transcoders (cameras x profiles) per client address\","
                + "\"camera\":\"" + PTZ + "\"}"), frames.texts().toString());
        frames.awaitBinary(10);
    }

    @Test
    void telemetryCountsOnlyFromAnAddressThatPlaysTheCameraAndOnlyInRange() throws Exception {
        Client health = open("ws/health", true);
        health.awaitText();
        health.send(telemetry(PTZ, 7.5)); // nobody here plays the PTZ camera over HLS

        assertEquals(200, server.get("hls/" + FIXED + "/index.m3u8").statusCode()); // now this address plays the fixed one
        health.send(telemetry(FIXED, 1.25));
        health.send(telemetry(FIXED, 600)); // no player is ten minutes behind: left out

        double fixed = awaitLatency(FIXED, v -> v > 0);
        assertEquals(1.25, fixed, 1e-9, "the watcher's report, and only the one in range");
        assertEquals(0.0, latency(PTZ), "a report about a camera this address does not play changes nothing");

        Thread.sleep(1500); // the socket's allowance for this camera fills up again: 2 reports
        for (int i = 0; i < 50; i++) {
            health.send(telemetry(FIXED, 5.0)); // a flood, of which about 2 pass
        }
        Thread.sleep(1500);
        double flooded = latency(FIXED);
        // Smoothed by 0.2 a report from 1.25 towards 5: 2.6 after two, 3.5 after four, 4.97 after fifty.
        assertTrue(flooded > 1.25 && flooded < 4, "a few reports of the flood moved the average, not fifty: " + flooded);
    }

    private static String telemetry(String camera, double latency) {
        return "{\"type\":\"telemetry\",\"camera\":\"" + camera + "\",\"latency\":" + latency + ",\"partLoad\":0.05,\"stalls\":0}";
    }

    private static double awaitLatency(String camera, java.util.function.DoublePredicate wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double v = latency(camera);
        while (!wanted.test(v) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            v = latency(camera);
        }
        return v;
    }

    /** The camera's fieldcast_player_latency_seconds; 0 when it is not reported at all. */
    private static double latency(String camera) throws Exception {
        Matcher m = Pattern.compile("fieldcast_player_latency_seconds\\{camera=\"" + camera + "\"[^}]*} ([0-9.E-]+)")
                .matcher(server.getAsAdmin("metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The sequence number of the segment being built: the media sequence plus the complete segments listed. */
    private static long openMsn(String playlist) {
        Matcher m = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)").matcher(playlist);
        assertTrue(m.find(), playlist);
        return Long.parseLong(m.group(1)) + playlist.lines().filter(l -> l.startsWith("#EXTINF")).count();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30)).build();
    }

    private static CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private Client open(String path, boolean reading) throws Exception {
        return open(path, reading, null);
    }

    /** @param forwardedFor the client a trusted proxy would name, or null for a client of its own */
    private Client open(String path, boolean reading, String forwardedFor) throws Exception {
        // ws: for http:, wss: for https:, whichever the server speaks.
        URI uri = URI.create(server.uri(path).toString().replaceFirst("^http", "ws"));
        Client c = new Client(reading);
        WebSocket.Builder builder = sockets.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        c.socket = builder.buildAsync(uri, c).get(10, TimeUnit.SECONDS);
        opened.add(c);
        return c;
    }

    /** A WebSocket client on the JDK's, which answers pings while it reads; one that stops reading stops answering. */
    static final class Client implements WebSocket.Listener {
        final boolean reading;
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final List<String> texts = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private int binaries;
        volatile String closeReason;
        WebSocket socket;

        Client(boolean reading) {
            this.reading = reading;
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
                notifyAll();
            }
            if (reading) {
                ws.request(1);
            }
            return null;
        }

        @Override
        public synchronized CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last) {
                binaries++;
                notifyAll();
            }
            if (reading) {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        }

        int closeCode() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }

        /** Admitted: the server greets it (health) or at least does not close it at once. */
        boolean admitted() throws Exception {
            try {
                closed.get(1500, TimeUnit.MILLISECONDS);
                return false;
            } catch (TimeoutException stillOpen) {
                return true;
            }
        }

        synchronized List<String> texts() {
            return List.copyOf(texts);
        }

        void awaitText() throws InterruptedException {
            awaitTexts(1);
        }

        synchronized void awaitTexts(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (texts.size() < count && System.nanoTime() < deadline) {
                wait(100);
            }
            assertTrue(texts.size() >= count, "only " + texts + " in time");
        }

        synchronized void awaitBinary(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (binaries < count && System.nanoTime() < deadline) {
                wait(100);
            }
            assertTrue(binaries >= count, "only " + binaries + " frames in time; notices " + texts);
        }

        /** A clean close, so the server has let go of the socket before the next test counts. */
        void close() {
            try {
                if (!closed.isDone()) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
                    closed.get(5, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // the server did not answer the close: the connection goes anyway
            } finally {
                socket.abort();
            }
        }
    }
}
