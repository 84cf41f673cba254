package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * The MSE player (webapp/js/mse-player.js, mse-socket.js) in a real Chromium against the real server's
 * {@code /ws/mse}: two simulated cameras in this JVM, so that the test can restart one. The dashboard's
 * tiles play MSE on the page's one socket, the embed page plays it with {@code view=mse}, a restarted
 * camera is played again from its new init, a page that comes back from the background jumps to the live
 * edge, a dome shown as LL-HLS plays MSE while it is steered, a codec the browser cannot play falls back
 * to LL-HLS; and the player's latency controller, as a pure function, in the page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MsePlayerIT {
    private static final String CAM = "mse-a";
    private static final String OTHER = "mse-b";
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("fieldcast.build-dir", "target"), "screenshots");

    static ExecutorService pool;
    static SimulatedCamera camera;
    static SimulatedCamera other;
    static FieldcastServer server;
    static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        pool = Executors.newCachedThreadPool();
        Path ffmpeg = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffmpeg");
        camera = new SimulatedCamera(SimulatedCameraSpec.of(CAM, "MSE camera A", false).withPicture(640, 360, 25, 500), ffmpeg, pool);
        other = new SimulatedCamera(SimulatedCameraSpec.of(OTHER, "MSE dome B", true).withPicture(640, 360, 25, 500), ffmpeg, pool);
        camera.start();
        other.start();
        assertTrue(camera.awaitStreaming(Duration.ofSeconds(30)) && other.awaitStreaming(Duration.ofSeconds(30)));
        server = FieldcastServer.onStations("""
                {"sites":[{"id":"mse-site","name":"MSE test site","cameras":[
                  {"id":"%s","name":"MSE camera A","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"httpPort":%d,"rtspPath":"/?inst=1"},
                  {"id":"%s","name":"MSE dome B","type":"PTZ","host":"127.0.0.1","rtspPort":%d,"httpPort":%d,"rtspPath":"/?inst=1"}
                ]}]}
                """.formatted(CAM, camera.rtspPort(), camera.httpPort(), OTHER, other.rtspPort(), other.httpPort()),
                // Everyone may steer: the PTZ controls without a login.
                Map.of("FIELDCAST_ACCESS_ANONYMOUS_ROLE", "operator"));
        chromium = Chromium.start();
        chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
        if (camera != null) {
            camera.close();
        }
        if (other != null) {
            other.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** The latency controller and the delivery clock are pure: a table of cases, run in the page. */
    @Test
    @Order(1)
    void theLatencyControllerDecidesFromTheBufferDepth() {
        open("embed.html");
        Map<?, ?> r = (Map<?, ?>) ((JavascriptExecutor) chromium.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./js/mse-player.js').then(({ steer, DeliveryClock }) => {
                  const f = 0.04;
                  const clock = new DeliveryClock(10000);
                  // Clocks 5 s apart; 3 ms on the wire at best, one picture 200 ms late.
                  const delays = [3, 4, 3, 203, 5].map((d, i) => clock.sample(1e6 + i * 40, 1e6 + 5000 + i * 40 + d));
                  // Past the window the old minimum is forgotten: a slower path becomes the new best case.
                  const later = new DeliveryClock(1000);
                  later.sample(0, 5003);
                  const slower = [2500, 3000, 3500].map((t) => later.sample(t, t + 5050));
                  done({
                    onTarget: steer(2 * f, f),
                    withinSlack: steer(3 * f, f),
                    starved: steer(0, f),
                    behind: steer(0.2, f),
                    farBehind: steer(0.9, f),
                    pastJump: steer(1.2, f),
                    safariBehind: steer(0.5, f, { managed: true }),
                    safariPastJump: steer(1.2, f, { managed: true }),
                    delays, slower,
                  });
                }, (e) => done({ error: String(e) }));
                """);
        assertEquals(null, r.get("error"));
        assertDecision(r, "onTarget", 1, false);
        assertDecision(r, "withinSlack", 1, false);
        assertDecision(r, "starved", 1, false);
        assertDecision(r, "behind", 1.1, false); // 0.12 s too deep
        assertDecision(r, "farBehind", 1.5, false); // capped
        assertDecision(r, "pastJump", 1, true);
        assertDecision(r, "safariBehind", 1, false); // ManagedMediaSource: never a rate
        assertDecision(r, "safariPastJump", 1, true);
        assertEquals(List.of(0L, 1L, 0L, 200L, 2L), longs(r.get("delays")), "delays above the best case: " + r);
        assertEquals(0L, longs(r.get("slower")).get(2), "the window moved on: " + r);
    }

    @Test
    @Order(2)
    void gridTilesPlayMseOnTheOneSocket() throws Exception {
        open("index.html");
        for (String id : List.of(CAM, OTHER)) {
            String video = tile(id) + " video";
            await(id + "'s tile to play MSE", () -> "mse".equals(labelView(id)) && frames(video) > 25);
        }
        assertFramesGrow(tile(CAM) + " video");
        Map<?, ?> socket = socketStats();
        assertEquals(1L, socket.get("opened"), "one socket for the page: " + socket);
        assertEquals(List.of(CAM + " sub", OTHER + " sub"), ((List<?>) socket.get("watching")).stream().sorted().toList(),
                "grid tiles watch the substreams: " + socket);
        Thread.sleep(2000); // a few label updates
        String label = (String) chromium.js("return document.querySelector(arguments[0]).textContent", tile(CAM) + " [data-view-label]");
        long latency = Long.parseLong((String) chromium.js(
                "return document.querySelector(arguments[0]).dataset.latencyMs", tile(CAM) + " [data-view-label]"));
        System.out.println("MSE tile: label \"" + label + "\", " + chromium.js(
                "return JSON.stringify(document.querySelector(arguments[0]).dataset)", tile(CAM) + " video"));
        assertTrue(label.startsWith("MSE "), label);
        assertTrue(latency >= 0 && latency < 1000, "sub-second on loopback: " + label);
        chromium.screenshot(SCREENSHOTS.resolve("dashboard-mse.png"));
    }

    /** The RTSP server goes away and comes back: the pull restarts, the player gets a new init and plays on. */
    @Test
    @Order(3)
    void aRestartedCameraIsPlayedAgainFromItsNewInit() throws Exception {
        String video = tile(CAM) + " video";
        long inits = dataLong(video, "inits");
        camera.setRtspEnabled(false);
        Thread.sleep(1500);
        camera.setRtspEnabled(true);
        await("a new init after the restart", () -> dataLong(video, "inits") > inits);
        long framesAfterInit = frames(video);
        await("frames from the new init", () -> frames(video) > framesAfterInit + 25);
        assertFramesGrow(video);
        assertEquals("mse", labelView(CAM), "still MSE, no fall-back");
    }

    /**
     * A player whose page went to the background, and whose video the browser paused there, finds itself
     * seconds behind when the page comes back: it jumps to the live edge at once. document.visibilityState
     * is overridden and visibilitychange dispatched, as the browser does.
     */
    @Test
    @Order(4)
    void aPageBackFromTheBackgroundJumpsToTheLiveEdge() throws Exception {
        open("embed.html"); // no camera: a quiet page to run a player of our own on
        chromium.js("""
                const video = document.createElement('video');
                video.muted = true;
                video.id = 'probe';
                document.body.append(video);
                import('./js/mse-player.js').then(({ MsePlayer }) => {
                  window.probe = new MsePlayer(video, { camera: arguments[0] });
                  window.probe.start();
                });
                """, CAM);
        await("the probe to play", () -> frames("#probe") > 10);
        chromium.js("""
                Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
                document.dispatchEvent(new Event('visibilitychange'));
                document.querySelector('#probe').pause();
                """);
        Thread.sleep(2500);
        Map<?, ?> hidden = probeStats();
        assertTrue(((Number) hidden.get("bufferMs")).longValue() > 1500, "fell behind while hidden: " + hidden);
        // Read in the same task as the event: the jump is the page's answer to it, not a later check's.
        Map<?, ?> back = (Map<?, ?>) chromium.js("""
                Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
                document.dispatchEvent(new Event('visibilitychange'));
                return window.probe.stats();
                """);
        System.out.println("MSE player hidden: " + hidden + ", back: " + back);
        assertTrue(((Number) back.get("bufferMs")).longValue() < 400, "back at the live edge: " + back);
        assertTrue(((Number) back.get("jumps")).longValue() > ((Number) hidden.get("jumps")).longValue(), "jumped: " + back);
        assertFramesGrow("#probe");
        chromium.js("window.probe.stop()");
    }

    /** A dome shown as LL-HLS plays MSE while the operator holds the pad, and LL-HLS again after. */
    @Test
    @Order(5)
    void aDomeOnLlHlsIsSteeredOnMse() throws Exception {
        open("index.html");
        String tile = tile(OTHER);
        await("the dome's view switch and pad", () -> Boolean.TRUE.equals(chromium.js(
                "return !!document.querySelector(arguments[0] + ' [data-view-switch]') && !!document.querySelector(arguments[0] + ' [data-ptz-pad]')",
                tile)));
        chromium.js("""
                const select = document.querySelector(arguments[0] + ' [data-view-switch]');
                select.value = 'hls';
                select.dispatchEvent(new Event('change'));
                """, tile);
        await("the dome on LL-HLS", () -> "hls".equals(labelView(OTHER)));
        chromium.js("document.querySelector(arguments[0]).dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowLeft'}))",
                tile + " [data-ptz-pad]");
        await("MSE while steering", () -> "mse".equals(labelView(OTHER)) && frames(tile + " video") > 10);
        long released = System.nanoTime();
        chromium.js("document.querySelector(arguments[0]).dispatchEvent(new KeyboardEvent('keyup', {key: 'ArrowLeft'}))",
                tile + " [data-ptz-pad]");
        Thread.sleep(1000);
        assertEquals("mse", labelView(OTHER), "still MSE right after the release");
        await("LL-HLS again a few seconds after the last move", () -> "hls".equals(labelView(OTHER)));
        System.out.printf("dome back on LL-HLS %.1f s after the release%n", (System.nanoTime() - released) / 1e9);
    }

    @Test
    @Order(6)
    void theEmbedPagePlaysMseFromTheMainStream() throws Exception {
        open("embed.html?camera=" + OTHER + "&view=mse");
        String video = "[data-embed] video";
        await("the embed page to play MSE", () -> "mse".equals(
                chromium.js("return document.querySelector('[data-embed] [data-view-label]').dataset.view")) && frames(video) > 25);
        assertFramesGrow(video);
        assertEquals(List.of(OTHER + " main"), socketStats().get("watching"));
        chromium.screenshot(SCREENSHOTS.resolve("embed-mse.png"));
    }

    /**
     * A browser that cannot decode the camera's codec (as Chromium cannot H.265) falls back to LL-HLS:
     * MediaSource.isTypeSupported answers no to the MSE player alone (hls.js asks it too).
     */
    @Test
    @Order(7)
    void aTileWhoseCodecTheBrowserCannotPlayFallsBackToLlHls() {
        ChromiumDriver driver = (ChromiumDriver) chromium.driver();
        Map<String, Object> added = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                const isTypeSupported = MediaSource.isTypeSupported.bind(MediaSource);
                MediaSource.isTypeSupported = (mime) => !new Error().stack.includes('mse-player.js') && isTypeSupported(mime);
                """));
        try {
            open("index.html");
            String video = tile(CAM) + " video";
            await("the tile on LL-HLS, playing", () -> "hls".equals(labelView(CAM)) && "playing".equals(
                    chromium.js("return document.querySelector(arguments[0]).dataset.playerState", video)));
            assertEquals(Boolean.TRUE, chromium.js("return document.querySelector(arguments[0]).disabled",
                    tile(CAM) + " [data-view-switch] option[value=mse]"), "MSE is no longer offered for the camera");
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    private static void assertDecision(Map<?, ?> results, String name, double rate, boolean jump) {
        Map<?, ?> d = (Map<?, ?>) results.get(name);
        assertEquals(rate, ((Number) d.get("rate")).doubleValue(), 1e-9, name + ": " + d);
        assertEquals(jump, d.get("jump"), name + ": " + d);
    }

    private static List<Long> longs(Object list) {
        return ((List<?>) list).stream().map(n -> Math.round(((Number) n).doubleValue())).toList();
    }

    private static void open(String path) {
        chromium.driver().get(server.uri(path).toString());
    }

    private static String tile(String id) {
        return "[data-camera-id='" + id + "']";
    }

    private static String labelView(String id) {
        return (String) chromium.js("const l = document.querySelector(arguments[0]); return l ? l.dataset.view || null : null",
                tile(id) + " [data-view-label]");
    }

    /** Pictures presented, as the player counts them with requestVideoFrameCallback. */
    private static long frames(String video) {
        return dataLong(video, "frames");
    }

    private static long dataLong(String element, String key) {
        Object v = chromium.js("const e = document.querySelector(arguments[0]); return e ? e.dataset[arguments[1]] || '0' : '0'",
                element, key);
        return Long.parseLong((String) v);
    }

    private static void assertFramesGrow(String video) throws InterruptedException {
        long before = frames(video);
        Thread.sleep(1000);
        long after = frames(video);
        assertTrue(after - before >= 10, video + " presents pictures: " + before + " then " + after + " a second later");
    }

    private static Map<?, ?> socketStats() {
        return (Map<?, ?>) ((JavascriptExecutor) chromium.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./js/mse-socket.js').then(({ MseSocket }) => done(MseSocket.shared().stats()));
                """);
    }

    private static Map<?, ?> probeStats() {
        return (Map<?, ?>) chromium.js("return window.probe.stats()");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                chromium.screenshot(SCREENSHOTS.resolve("mse-timeout.png"));
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
}
