package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldcast.testing.FieldcastServer;

/**
 * Ordinary use of one server, over and over: viewers of every kind join a random camera, stay a
 * while and leave, with pauses long enough for cameras to idle out between them. Each seat is one
 * viewer at a time (a thread of this JVM that blocks while it watches):
 * <ul>
 * <li>LL-HLS: {@link LlHlsClient} (blocking reloads, every part) over HTTPS and HTTP/2, as browsers;
 * <li>MJPEG: {@code stream.mjpg} read, then the stream cancelled;
 * <li>frames: a {@code /ws/frames} socket subscribed to the camera, then closed;
 * <li>PTZ: a {@code /ws/cameras/{id}/ptz} socket holding a move (renewed every 300 ms), then stop and close.
 * </ul>
 * The camera list is polled every 2 s to count how often cameras left IDLE (pulls started).
 */
final class SoakChurn implements AutoCloseable {
    /** Viewers at once of each kind. */
    record Seats(int hls, int mjpeg, int frames, int ptz) {
    }

    // Seats are busy a third of the time, over twice as many cameras as seats: a camera mostly has nobody
    // and idles out between visits (an HLS viewer counts for 10 s after its last request, then the idle timeout).
    private static final int HOLD_MIN_SECONDS = 5;
    private static final int HOLD_MAX_SECONDS = 20;
    private static final int GAP_MIN_SECONDS = 10;
    private static final int GAP_MAX_SECONDS = 40;
    private static final String MJPEG_PROFILE = "small"; // the cheaper profile: the 2 cores also run the cameras

    private final FieldcastServer server;
    private final List<String> cameras;
    private final List<String> domes;
    private final Http2Clients h2 = new Http2Clients(1, 1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService seats = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, AtomicLong> visits = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private final Map<String, String> lastState = new HashMap<>();
    private final AtomicLong cameraStarts = new AtomicLong();
    private volatile boolean stopping;

    /**
     * @param domes the PTZ cameras among {@code cameras}
     */
    SoakChurn(FieldcastServer server, List<String> cameras, List<String> domes) {
        this.server = server;
        this.cameras = List.copyOf(cameras);
        this.domes = List.copyOf(domes);
    }

    void start(Seats s, long seed) {
        List<Runnable> all = new ArrayList<>();
        for (int i = 0; i < s.hls(); i++) {
            all.add(seat("LL-HLS", cameras, this::hls, seed + all.size()));
        }
        for (int i = 0; i < s.mjpeg(); i++) {
            all.add(seat("MJPEG", cameras, this::mjpeg, seed + all.size()));
        }
        for (int i = 0; i < s.frames(); i++) {
            all.add(seat("frames socket", cameras, this::frames, seed + all.size()));
        }
        for (int i = 0; i < s.ptz() && !domes.isEmpty(); i++) {
            all.add(seat("PTZ socket", domes, this::ptz, seed + all.size()));
        }
        all.forEach(seats::execute);
        timer.scheduleWithFixedDelay(this::pollStates, 2, 2, TimeUnit.SECONDS);
    }

    /** Lets every viewer finish its visit (the longest hold at most) and stops the seats. */
    void stop() throws InterruptedException {
        stopping = true;
        seats.shutdown();
        if (!seats.awaitTermination(HOLD_MAX_SECONDS + 30, TimeUnit.SECONDS)) {
            seats.shutdownNow();
        }
    }

    /** "LL-HLS 120 visits (2 failed: ...)" per kind. */
    List<String> summary() {
        return visits.keySet().stream().sorted().map(kind -> kind + " " + visits.get(kind) + " visits"
                + (failures.containsKey(kind) ? " (" + failures.get(kind) + " failed, last: " + lastFailure.get(kind) + ")" : "")).toList();
    }

    long cameraStarts() {
        return cameraStarts.get();
    }

    private interface Visit {
        void watch(String camera, Duration hold) throws Exception;
    }

    private Runnable seat(String kind, List<String> choices, Visit visit, long seed) {
        Random random = new Random(seed);
        return () -> {
            while (!stopping) {
                Processes.sleep(1000L * (GAP_MIN_SECONDS + random.nextInt(GAP_MAX_SECONDS - GAP_MIN_SECONDS + 1)));
                if (stopping) {
                    return;
                }
                String camera = choices.get(random.nextInt(choices.size()));
                Duration hold = Duration.ofSeconds(HOLD_MIN_SECONDS + random.nextInt(HOLD_MAX_SECONDS - HOLD_MIN_SECONDS + 1));
                visits.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                try {
                    visit.watch(camera, hold);
                } catch (Exception e) {
                    failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                    lastFailure.put(kind, camera + ": " + e);
                }
            }
        };
    }

    private void hls(String camera, Duration hold) {
        URI playlist = server.uri("hls/" + camera + "/stream.m3u8");
        LlHlsClient.Outcome seen = new LlHlsClient(h2.viewer(0, server.baseUri()), playlist, (m, i, t, e, p, b) -> { })
                .run(System.nanoTime() + hold.toNanos()).join();
        if (seen.parts() == 0) {
            throw new IllegalStateException("no part in " + hold.toSeconds() + " s" + (seen.lastError().isEmpty() ? "" : ": " + seen.lastError()));
        }
    }

    private void mjpeg(String camera, Duration hold) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(server.uri("mjpeg/" + camera + "/stream.mjpg?profile=" + MJPEG_PROFILE))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("stream.mjpg answered " + r.statusCode());
            }
            // A read blocks while the camera sends nothing (it may be rebooting): the viewer leaves on time anyway.
            timer.schedule(() -> quietly(in), hold.toMillis(), TimeUnit.MILLISECONDS);
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // the frames themselves do not matter here
            }
        } catch (IOException leftOnTime) {
            // closed by the timer
        }
    }

    private void frames(String camera, Duration hold) throws Exception {
        WebSocket socket = open("ws/frames");
        socket.sendText("{\"subscribe\":[\"" + camera + "\"],\"profile\":\"" + MJPEG_PROFILE + "\"}", true).get(5, TimeUnit.SECONDS);
        Processes.sleep(hold.toMillis());
        leave(socket);
    }

    private void ptz(String camera, Duration hold) throws Exception {
        WebSocket socket = open("ws/cameras/" + camera + "/ptz");
        long until = System.nanoTime() + hold.toNanos();
        for (int i = 0; System.nanoTime() < until && !socket.isOutputClosed(); i++) {
            socket.sendText("{\"pan\":" + (i / 10 % 2 == 0 ? "0.5" : "-0.5") + ",\"tilt\":0,\"zoom\":0}", true).get(5, TimeUnit.SECONDS);
            Processes.sleep(300);
        }
        socket.sendText("{\"stop\":true}", true).get(5, TimeUnit.SECONDS);
        leave(socket);
    }

    private WebSocket open(String path) throws Exception {
        URI uri = URI.create("wss://127.0.0.1:" + server.baseUri().getPort() + "/" + path);
        return http.newWebSocketBuilder().buildAsync(uri, new Discarding()).get(10, TimeUnit.SECONDS);
    }

    /** A close the server does not answer within 5 s is cut. */
    private static void leave(WebSocket socket) {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "leaving").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
        socket.abort(); // the client's side of the TCP connection goes now, as a closed tab's does
    }

    /** Takes every message and asks for the next: a client that keeps up. */
    private static final class Discarding implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            socket.request(1);
            return null;
        }
    }

    private void pollStates() {
        try (JsonReader r = Json.createReader(new StringReader(server.get("api/cameras").body()))) {
            for (JsonObject c : r.readArray().getValuesAs(JsonObject.class)) {
                String state = c.getString("state", "?");
                String before = lastState.put(c.getString("id"), state);
                if ("IDLE".equals(before) && !state.equals("IDLE")) {
                    cameraStarts.incrementAndGet();
                }
            }
        } catch (IOException | RuntimeException e) {
            // a missed poll only lowers the count
        }
    }

    private static void quietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        stopping = true;
        seats.shutdownNow();
        timer.shutdownNow();
        h2.close();
    }
}
