package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;

/**
 * The sub-second path on a real server: two simulated cameras in this JVM (a 720p one and a small
 * one), MJPEG, snapshots and the frame socket, many viewers and viewers that stop reading, counted at
 * the camera (RTSP sessions) and at the server (ffmpeg processes).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubsecondIT {
    static final String CAM = "mj-cam";
    static final String SMALL_CAM = "mj-small";

    static ExecutorService pool;
    static SimulatedCamera camera;
    static SimulatedCamera smallCamera;
    static FieldcastServer server;

    @BeforeAll
    static void start() throws Exception {
        pool = Executors.newCachedThreadPool();
        camera = new SimulatedCamera(SimulatedCameraSpec.of(CAM, "MJPEG test camera", false), TestPull.FFMPEG_DIRECTORY.resolve("ffmpeg"), pool);
        smallCamera = new SimulatedCamera(SimulatedCameraSpec.of(SMALL_CAM, "Small test camera", false)
                .withPicture(640, 360, 25, 500), TestPull.FFMPEG_DIRECTORY.resolve("ffmpeg"), pool);
        camera.start();
        smallCamera.start();
        assertTrue(camera.awaitStreaming(Duration.ofSeconds(30)) && smallCamera.awaitStreaming(Duration.ofSeconds(30)));
        server = FieldcastServer.onStations("""
                {"sites":[{"id":"mjpeg-site","name":"MJPEG test site","cameras":[
                  {"id":"%s","name":"MJPEG test camera","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"httpPort":%d,"rtspPath":"/?inst=1"},
                  {"id":"%s","name":"Small test camera","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"httpPort":%d,"rtspPath":"/?inst=1"}
                ]}]}
                """.formatted(CAM, camera.rtspPort(), camera.httpPort(), SMALL_CAM, smallCamera.rtspPort(), smallCamera.httpPort()),
                Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (camera != null) {
            camera.close();
        }
        if (smallCamera != null) {
            smallCamera.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(1)
    void theCameraListCarriesTheSubSecondUrls() throws IOException {
        String cameras = server.get("api/cameras/" + CAM).body();

        assertTrue(cameras.contains("\"mjpeg\":\"mjpeg/mj-cam/stream.mjpg\""), cameras);
        assertTrue(cameras.contains("\"snapshot\":\"mjpeg/mj-cam/snapshot.jpg\""), cameras);
        assertTrue(cameras.contains("\"ws\":\"ws/frames\""), cameras);
    }

    @Test
    @Order(2)
    void aSnapshotOfAnIdleCameraIsAFreshPictureAndTheNextOneIsImmediate() throws IOException {
        long start = System.nanoTime();
        HttpResponse<byte[]> cold = server.getBytes("mjpeg/" + CAM + "/snapshot.jpg");
        double coldMillis = (System.nanoTime() - start) / 1e6;
        assertEquals(200, cold.statusCode(), new String(cold.body()));
        assertEquals("image/jpeg", cold.headers().firstValue("content-type").orElse(""),
                () -> cold.version() + " " + cold.headers().map() + ", " + cold.body().length + " bytes");
        var picture = ImageIO.read(new ByteArrayInputStream(cold.body()));
        assertEquals(1280, picture.getWidth());
        long age = FrameRecorder.latency(picture, System.currentTimeMillis());
        assertTrue(age < 5000, "a picture of now, not one kept from an earlier run: " + age + " ms");

        start = System.nanoTime();
        HttpResponse<byte[]> warm = server.getBytes("mjpeg/" + CAM + "/snapshot.jpg");
        double warmMillis = (System.nanoTime() - start) / 1e6;
        assertEquals(200, warm.statusCode());
        long coldTime = Long.parseLong(cold.headers().firstValue("x-frame-time").orElseThrow());
        long warmTime = Long.parseLong(warm.headers().firstValue("x-frame-time").orElseThrow());
        assertTrue(warmTime >= coldTime);
        System.out.printf("snapshot: idle camera %.0f ms, then %.0f ms%n", coldMillis, warmMillis);
        assertTrue(warmMillis < 1000, "the latest frame, without waiting: " + warmMillis + " ms");
    }

    @Test
    @Order(3)
    void mjpegDeliversCurrentFramesAndTheFirstAtOnce() throws IOException {
        long start = System.nanoTime();
        List<MjpegClient.Part> parts = new ArrayList<>();
        try (MjpegClient client = MjpegClient.open(server.uri("mjpeg/" + CAM + "/stream.mjpg"))) {
            for (int i = 0; i < 125; i++) {
                parts.add(client.next());
            }
        }
        double firstMillis = (parts.get(0).receivedNanos() - start) / 1e6;
        List<Long> latencies = parts.stream()
                .map(p -> FrameRecorder.decode(p.jpeg(), p.receivedNanos(), p.receivedMillis()).latencyMillis()).toList();
        Latencies latency = Latencies.of(latencies.subList(25, latencies.size()));
        double fps = (parts.size() - 26) * 1e9 / (parts.get(parts.size() - 1).receivedNanos() - parts.get(25).receivedNanos());
        System.out.printf("mjpeg: first frame %.0f ms after the request (transcoder warm), camera-to-client %s, %.1f fps%n",
                firstMillis, latency, fps);

        assertTrue(parts.stream().allMatch(p -> p.headers().get("content-type").equals("image/jpeg")));
        assertTrue(parts.stream().allMatch(p -> p.frameTime() <= p.receivedMillis()), "X-Frame-Time is when Fieldcast got it");
        assertTrue(fps > 20, "about 25 fps: " + fps);
        // A loose bound, for machines shared with other work: it catches frames piling up, not milliseconds.
        // The benchmark measures them for the README.
        assertTrue(latency.p50() < 1000, "camera-to-client latency " + latency);
    }

    @Test
    @Order(4)
    void fiftyMjpegAndTenSocketViewersShareOneTranscoderAndOneRtspSession() throws Exception {
        List<MjpegClient> mjpeg = new ArrayList<>();
        List<FrameSocketClient> sockets = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(50);
        try {
            for (int i = 0; i < 50; i++) {
                mjpeg.add(MjpegClient.open(server.uri("mjpeg/" + CAM + "/stream.mjpg")));
            }
            for (int i = 0; i < 10; i++) {
                FrameSocketClient s = FrameSocketClient.connect(frameSocket(), true);
                s.send("{\"subscribe\":[\"" + CAM + "\"]}");
                sockets.add(s);
            }
            List<Future<Integer>> counts = new ArrayList<>();
            for (MjpegClient c : mjpeg) {
                counts.add(readers.submit(() -> {
                    for (int n = 0; n < 50; n++) {
                        c.next();
                    }
                    return 50;
                }));
            }
            for (Future<Integer> f : counts) {
                assertEquals(50, f.get(60, TimeUnit.SECONDS));
            }
            for (FrameSocketClient s : sockets) {
                List<FrameSocketClient.Message> got = s.await(CAM, 50, Duration.ofSeconds(30));
                assertEquals(1, got.get(0).version());
                assertTrue(got.get(0).jpeg()[0] == (byte) 0xff && got.get(0).jpeg()[1] == (byte) 0xd8, "a JPEG follows the header");
            }

            assertEquals(1, transcoders(), "one transcoder for 60 viewers of one profile: " + commandLines());
            assertEquals(1, camera.totalRtspSessions(), "one RTSP session at the camera, ever");
        } finally {
            readers.shutdownNow();
            mjpeg.forEach(MjpegClient::close);
            sockets.forEach(FrameSocketClient::close);
        }
    }

    @Test
    @Order(5)
    void viewersThatStopReadingNeitherGrowMemoryNorSlowTheOthers() throws Exception {
        List<MjpegClient> stalled = new ArrayList<>();
        List<FrameSocketClient> stalledSockets = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                stalled.add(MjpegClient.open(server.uri("mjpeg/" + CAM + "/stream.mjpg"))); // and never read
            }
            for (int i = 0; i < 3; i++) {
                FrameSocketClient s = FrameSocketClient.connect(frameSocket(), false); // takes one message, no more
                s.send("{\"subscribe\":[\"" + CAM + "\"]}");
                stalledSockets.add(s);
            }
            long heapBefore = liveHeap();
            long maxHeap = heapBefore;
            long heapSettled = -1;
            List<MjpegClient.Part> parts = new ArrayList<>();
            try (MjpegClient reader = MjpegClient.open(server.uri("mjpeg/" + CAM + "/stream.mjpg"))) {
                long end = System.nanoTime() + 30_000_000_000L; // ten stalled viewers would have missed 7500 frames by then
                while (System.nanoTime() < end) {
                    parts.add(reader.next());
                    if (parts.size() % 25 == 0) {
                        maxHeap = Math.max(maxHeap, usedHeap());
                    }
                    if (heapSettled < 0 && parts.size() == 250) {
                        heapSettled = liveHeap(); // 10 s in: each stalled viewer's connection has filled what it may hold
                    }
                }
            }
            long heapAfter = liveHeap(); // the stalled viewers are still attached
            List<MjpegClient.Part> settled = parts.subList(25, parts.size());
            double fps = (settled.size() - 1) * 1e9
                    / (settled.get(settled.size() - 1).receivedNanos() - settled.get(0).receivedNanos());
            Latencies delivery = Latencies.of(settled.stream().map(p -> p.receivedMillis() - p.frameTime()).toList());
            System.out.printf("with 13 stalled viewers: a reading viewer gets %.1f fps, Fieldcast-to-client %s; "
                    + "live heap %d MB before, %d MB after 10 s, %d MB after 30 s (used heap at most %d MB)%n", fps, delivery,
                    heapBefore >> 20, heapSettled >> 20, heapAfter >> 20, maxHeap >> 20);

            // Slowed down, it would get its frames late: delivery is measured from the moment Fieldcast had each.
            assertTrue(delivery.p50() < 100, "the reading viewer gets each frame at once: " + delivery);
            assertTrue(fps > 10, "and keeps getting frames: " + fps + " fps");
            // Frames queued for them would be 10 viewers x 25 fps x ~60 kB, 15 MB a second: 450 MB by now. Live heap
            // after a full collection, because used heap also counts garbage not collected yet. What a stalled
            // connection holds (the container's write buffers up to where it reports not ready) is bounded: it
            // stops growing once filled, and stays under 10 MB a viewer.
            assertTrue(heapAfter - heapSettled < 24L << 20, "live heap kept growing: " + (heapSettled >> 20) + " MB after 10 s, "
                    + (heapAfter >> 20) + " MB after 30 s");
            assertTrue(heapAfter - heapBefore < 13 * (10L << 20), "live heap grew from " + (heapBefore >> 20) + " to "
                    + (heapAfter >> 20) + " MB for 13 stalled viewers");
            assertFalse(server.log().contains("OutOfMemoryError"));
        } finally {
            stalled.forEach(MjpegClient::close);
            stalledSockets.forEach(FrameSocketClient::close);
        }
    }

    @Test
    @Order(6)
    void oneSocketCarriesManyCamerasAndFollowsEachSubscription() throws Exception {
        try (FrameSocketClient socket = FrameSocketClient.connect(frameSocket(), true)) {
            socket.send("{\"subscribe\":[\"" + CAM + "\",\"" + SMALL_CAM + "\",\"no-such-cam\"]}");
            assertEquals(1280, width(socket.await(CAM, 10, Duration.ofSeconds(30)).get(9)));
            assertEquals(640, width(socket.await(SMALL_CAM, 10, Duration.ofSeconds(30)).get(9)));
            socket.awaitNotice(Duration.ofSeconds(5));
            assertTrue(socket.notices().stream().anyMatch(n -> n.contains("\"camera\":\"no-such-cam\"")), socket.notices().toString());

            socket.send("{\"subscribe\":[\"" + CAM + "\"],\"profile\":\"small\"}");
            long deadline = System.nanoTime() + 30_000_000_000L;
            int seen = socket.messages().size();
            FrameSocketClient.Message small = null;
            while (small == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
                List<FrameSocketClient.Message> all = socket.messages();
                for (FrameSocketClient.Message m : all.subList(seen, all.size())) {
                    if (m.camera().equals(CAM) && width(m) == 640) {
                        small = m;
                    }
                }
            }
            assertTrue(small != null, "frames of the small profile of the 720p camera");
            Thread.sleep(1000);
            long from = small.receivedNanos();
            List<FrameSocketClient.Message> after = socket.messages().stream().filter(m -> m.receivedNanos() > from).toList();
            assertFalse(after.isEmpty());
            assertTrue(after.stream().allMatch(m -> m.camera().equals(CAM)), "the small camera was dropped");
        }
    }

    @Test
    @Order(7)
    void mistakesGetTheOneErrorShape() throws IOException {
        HttpResponse<String> unknown = server.get("mjpeg/no-such-cam/stream.mjpg");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("\"status\":404"), unknown.body());
        HttpResponse<String> profile = server.get("mjpeg/" + CAM + "/snapshot.jpg?profile=huge");
        assertEquals(400, profile.statusCode());
        assertTrue(profile.body().contains("no JPEG profile 'huge'"), profile.body());
        assertEquals(404, server.get("mjpeg/" + CAM + "/other.jpg").statusCode());
    }

    @Test
    @Order(8)
    void transcodersStopSoonAfterTheirLastViewer() throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (transcoders() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, transcoders(), "no transcoder left: " + commandLines());
    }

    @Test
    @Order(9)
    void aDashboardTileSwitchesToMovingMjpegAndToFramesOnACanvas() throws InterruptedException {
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(server.uri("index.html").toString());
            String tile = "[data-camera-id='" + CAM + "']";
            await(chromium, "the tile's view switch", () -> Boolean.TRUE.equals(chromium.js(
                    "return !!document.querySelector(arguments[0] + ' [data-view-switch]')", tile)));

            choose(chromium, tile, "mjpeg");
            String image = tile + " img[data-mjpeg]";
            await(chromium, "the MJPEG image to play", () -> "playing".equals(chromium.js(
                    "return document.querySelector(arguments[0]).dataset.playerState", image)));
            assertPictureMoves(chromium, image);
            assertEquals(Boolean.TRUE, chromium.js("return document.querySelector(arguments[0]).paused", tile + " video"));

            choose(chromium, tile, "ws");
            String canvas = tile + " canvas[data-frames]";
            await(chromium, "frames on the canvas", () -> frames(chromium, canvas) > 25);
            assertPictureMoves(chromium, canvas);
            assertTrue((Boolean) chromium.js("return document.querySelector(arguments[0]).hidden", image), "the image stopped");
            long delay = Long.parseLong((String) chromium.js("return document.querySelector(arguments[0]).dataset.delay", canvas));
            System.out.println("browser canvas: playout delay " + delay + " ms on loopback, picture age "
                    + pictureAge(chromium, canvas) + " ms");

            chromium.driver().get(server.uri("embed.html?camera=" + CAM + "&view=ws").toString());
            String embedded = "[data-embed] canvas[data-frames]";
            await(chromium, "frames on the embed page", () -> frames(chromium, embedded) > 10);
            Thread.sleep(8000);
            System.out.println("embed canvas: " + chromium.js("return JSON.stringify(document.querySelector(arguments[0]).dataset)", embedded)
                    + ", picture age " + pictureAge(chromium, embedded) + " ms");
        }
    }

    @Test
    @Order(10)
    void theJitterBufferShowsACleanLinkAtOnceAndSmoothsABurstyOne() {
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(server.uri("index.html").toString());
            Object result = ((org.openqa.selenium.JavascriptExecutor) chromium.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('./js/jitter-buffer.js').then(({ JitterBuffer }) => {
                      let t = 0;
                      const timers = [];
                      const shown = [];
                      const buffer = new JitterBuffer({
                        show: (f) => shown.push({ sentAt: f.sentAt, at: t }),
                        now: () => t,
                        schedule: (fn, ms) => timers.push({ at: t + ms, fn }),
                        cancel: (id) => { if (id) timers[id - 1].fn = null; },
                      });
                      const advance = (to) => {
                        for (;;) {
                          const next = timers.filter((x) => x.fn && x.at <= to).sort((a, b) => a.at - b.at)[0];
                          if (!next) break;
                          t = Math.max(t, next.at);
                          const fn = next.fn; next.fn = null; fn();
                        }
                        t = to;
                      };
                      // 10 s clean: a frame every 40 ms, 3 ms on the way (+-1 ms); then 10 s bursty:
                      // five frames held back and delivered together every 200 ms.
                      const arrivals = [];
                      for (let i = 0; i < 250; i++) arrivals.push({ sentAt: 1e6 + i * 40, arrivedAt: 5000 + i * 40 + 3 + (i % 3) - 1 });
                      for (let i = 250; i < 500; i++) arrivals.push({ sentAt: 1e6 + i * 40, arrivedAt: 5000 + (Math.floor(i / 5) * 5 + 4) * 40 + 3 });
                      arrivals.sort((a, b) => a.arrivedAt - b.arrivedAt);
                      const delays = [];
                      for (const a of arrivals) { advance(a.arrivedAt); buffer.push({ ...a }); delays.push(buffer.delay); }
                      advance(t + 2000);
                      const clean = shown.filter((s) => s.sentAt < 1e6 + 240 * 40 && s.sentAt > 1e6 + 10 * 40);
                      const bursty = shown.filter((s) => s.sentAt > 1e6 + 300 * 40);
                      const gaps = (list) => list.slice(1).map((s, i) => s.at - list[i].at);
                      done({
                        cleanWait: Math.max(...clean.map((s) => s.at - (s.sentAt - 1e6 + 5000))),
                        cleanDelay: delays[240],
                        burstyDelay: delays[490],
                        burstyGaps: gaps(bursty),
                        shown: shown.length,
                      });
                    });
                    """);
            Map<?, ?> r = (Map<?, ?>) result;
            System.out.println("jitter buffer: " + r);
            assertTrue(((Number) r.get("cleanWait")).doubleValue() <= 5, "clean link: frames shown on arrival: " + r);
            assertTrue(((Number) r.get("cleanDelay")).doubleValue() <= 3, r.toString());
            double burstyDelay = ((Number) r.get("burstyDelay")).doubleValue();
            assertTrue(burstyDelay >= 150 && burstyDelay <= 200, "bursty link: the delay covers a burst: " + r);
            List<?> gaps = (List<?>) r.get("burstyGaps");
            long even = gaps.stream().filter(g -> Math.abs(((Number) g).doubleValue() - 40) <= 2).count();
            assertTrue(even >= gaps.size() * 0.95, "bursty link: frames shown at their own pace, 40 ms apart: " + gaps);
            assertTrue(((Number) r.get("shown")).intValue() >= 490, "hardly any frame lost: " + r);
        }
    }

    private static void choose(Chromium chromium, String tile, String view) {
        chromium.js("""
                const select = document.querySelector(arguments[0] + ' [data-view-switch]');
                select.value = arguments[1];
                select.dispatchEvent(new Event('change'));
                """, tile, view);
    }

    private static long frames(Chromium chromium, String canvas) {
        Object n = chromium.js("const c = document.querySelector(arguments[0]); return c ? c.dataset.frames || '0' : '0'", canvas);
        return Long.parseLong((String) n);
    }

    /** The clock blocks of the picture an element shows, read twice a few frames apart, must differ. */
    private static void assertPictureMoves(Chromium chromium, String element) throws InterruptedException {
        long first = clock(chromium, element);
        long deadline = System.nanoTime() + 5_000_000_000L;
        long later = first;
        while (later == first && System.nanoTime() < deadline) {
            Thread.sleep(50);
            later = clock(chromium, element);
        }
        assertTrue(first >= 0 && later != first, element + " shows a moving picture: " + first + " then " + later);
        long age = pictureAge(chromium, element);
        assertTrue(age >= 0 && age < 2000, element + " shows a current picture: " + age + " ms old");
    }

    private static long pictureAge(Chromium chromium, String element) {
        long clock = clock(chromium, element);
        return org.fieldcast.sim.ClockBlocks.latencyMillis(clock, System.currentTimeMillis());
    }

    /** ClockBlocks.read, in the page: the element is drawn onto a canvas of its own picture size. */
    private static long clock(Chromium chromium, String element) {
        Object v = chromium.js("""
                const e = document.querySelector(arguments[0]);
                const w = e.naturalWidth || e.width, h = e.naturalHeight || e.height;
                if (!w) return -1;
                const c = document.createElement('canvas');
                c.width = w; c.height = h;
                const g = c.getContext('2d');
                g.drawImage(e, 0, 0);
                const b = Math.max(8, Math.floor(w / 32)), m = Math.floor(b / 2);
                let v = 0;
                for (let bit = 0; bit < 24; bit++) {
                  const d = g.getImageData(m + bit * b + Math.floor(b / 2), m + Math.floor(b / 2), 1, 1).data;
                  if ((d[0] * 299 + d[1] * 587 + d[2] * 114) / 1000 > 128) v += 2 ** bit;
                }
                return v;
                """, element);
        return ((Number) v).longValue();
    }

    private static void await(Chromium chromium, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static URI frameSocket() {
        return URI.create(server.baseUri().toString().replaceFirst("^http", "ws")).resolve("ws/frames");
    }

    static int width(FrameSocketClient.Message m) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(m.jpeg())).getWidth();
    }

    /** The server's JPEG transcoders: its ffmpeg processes that write image2pipe. */
    static int transcoders() {
        return (int) server.ffmpegProcesses().stream()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("image2pipe")).orElse(false)).count();
    }

    static List<String> commandLines() {
        return server.ffmpegProcesses().stream().map(p -> p.info().commandLine().orElse("?")).toList();
    }

    /** Used heap right after a full collection in the server: what it really holds. */
    static long liveHeap() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        assertTrue(gc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "jcmd GC.run");
        return usedHeap();
    }

    /** Used heap from MicroProfile Metrics, or the process's resident memory if the metric is missing. */
    static long usedHeap() throws IOException {
        Matcher m = Pattern.compile("memory_usedHeap_bytes(?:\\{[^}]*})? ([0-9.E+]+)").matcher(server.getAsAdmin("metrics").body());
        if (m.find()) {
            return (long) Double.parseDouble(m.group(1));
        }
        String status = Files.readString(Path.of("/proc/" + server.pid() + "/status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        return rss.find() ? Long.parseLong(rss.group(1)) << 10 : 0;
    }
}
