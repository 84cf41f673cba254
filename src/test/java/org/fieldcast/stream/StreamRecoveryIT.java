package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.fieldcast.sim.SimAuth;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.HealthWatcher;
import org.fieldcast.testing.SimulatedSiteServer;

/**
 * Real faults against real processes: a simulated camera in this JVM whose RTSP, snapshots or
 * stream the test switches off, a real Fieldcast pulling it, and the health WebSocket as the witness.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamRecoveryIT {
    static final String ID = "rec-fixed-1";
    static SimulatedSiteServer site;
    static SimulatedCamera camera;
    static FieldcastServer server;
    static HealthWatcher health;
    static ScheduledExecutorService viewer;

    @BeforeAll
    static void start() throws Exception {
        site = SimulatedSiteServer.start("rec", List.of(SimulatedCameraSpec.of(ID, "Recovery camera", false)
                .withPicture(320, 180, 25, 400).withAuth(SimAuth.DIGEST, "user", "s3cret")), Map.of());
        camera = site.camera(0);
        server = site.server();
        health = new HealthWatcher(server.baseUri());
        // A player that keeps asking, as hls.js does, so the stream stays wanted throughout.
        viewer = Executors.newSingleThreadScheduledExecutor();
        viewer.scheduleWithFixedDelay(() -> {
            try {
                server.get("hls/" + ID + "/stream.m3u8");
            } catch (IOException | RuntimeException e) {
                // outages are what this test is about
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        health.awaitState(ID, 0, "LIVE", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (viewer != null) {
            viewer.shutdownNow();
        }
        if (health != null) {
            health.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    @Order(1)
    void aCameraRebootFallsBackToSnapshotsAndReturnsToLive() throws IOException {
        long cut = System.nanoTime();
        camera.setRtspEnabled(false);
        HealthWatcher.Event fallback = health.awaitState(ID, cut, "FALLBACK", Duration.ofSeconds(8));
        assertTrue(seconds(cut, fallback) < 4, "fallback after " + seconds(cut, fallback) + " s");
        assertTrue(fallback.reason().contains("snapshots every"), fallback.reason());
        // With RTSP off, a JPEG from the sub-second path can only be a fallback snapshot fed into its hub.
        var snapshot = server.getBytes("mjpeg/" + ID + "/snapshot.jpg");
        assertTrue(snapshot.statusCode() == 200 && (snapshot.body()[0] & 0xFF) == 0xFF && (snapshot.body()[1] & 0xFF) == 0xD8,
                "fallback snapshots reach the frame viewers: HTTP " + snapshot.statusCode());
        sleep(3000);
        assertTrue(health.events(ID).stream().noneMatch(e -> e.nanos() > fallback.nanos() && !e.state().equals("FALLBACK")),
                "snapshots keep the camera in fallback while RTSP is down");

        long back = System.nanoTime();
        camera.setRtspEnabled(true);
        HealthWatcher.Event live = health.awaitState(ID, back, "LIVE", Duration.ofSeconds(12));
        assertTrue(seconds(back, live) < 6, "live again after " + seconds(back, live) + " s (3 s plus the retry step)");
        String playlist = server.get("hls/" + ID + "/stream.m3u8").body();
        assertTrue(playlist.contains("#EXT-X-DISCONTINUITY"), "players continue through a discontinuity:\n" + playlist);
    }

    @Test
    @Order(2)
    void withSnapshotsDownTooItIsOfflineWithTheReasonAndRecoversByItself() {
        long cut = System.nanoTime();
        camera.setHttpEnabled(false);
        camera.setRtspEnabled(false);
        HealthWatcher.Event offline = health.awaitState(ID, cut, "OFFLINE", Duration.ofSeconds(10));
        assertTrue(offline.reason().contains("snapshot"), offline.reason());
        assertFalse(offline.reason().contains("s3cret"), "no credentials in reasons");
        assertFalse(server.log().contains("s3cret"), "no credentials in the log, though ffmpeg quotes its URL in errors");

        long back = System.nanoTime();
        camera.setHttpEnabled(true);
        camera.setRtspEnabled(true);
        health.awaitState(ID, back, "LIVE", Duration.ofSeconds(15));
    }

    @Test
    @Order(3)
    void anRtspServerThatStopsSendingWithoutClosingIsDetectedAsStalled() {
        health.awaitState(ID, 0, "LIVE", Duration.ofSeconds(15));
        long cut = System.nanoTime();
        camera.setStalled(true);
        HealthWatcher.Event stalled = health.awaitState(ID, cut, "STALLED", Duration.ofSeconds(10));
        double after = seconds(cut, stalled);
        assertTrue(after >= 2.5 && after < 6, "stalled after " + after + " s (stall timeout 3 s)");
        assertTrue(stalled.reason().contains("no frame for"), stalled.reason());
        health.awaitState(ID, cut, "FALLBACK", Duration.ofSeconds(5));

        long back = System.nanoTime();
        camera.setStalled(false);
        health.awaitState(ID, back, "LIVE", Duration.ofSeconds(15));
    }

    @Test
    @Order(4)
    void aKilledFfmpegIsRestartedWithoutOrphansOrLeakedThreads() {
        health.awaitState(ID, 0, "LIVE", Duration.ofSeconds(15));
        sleep(2000);
        int threadsBefore = threads(server.pid());
        List<ProcessHandle> pulls = server.ffmpegProcesses();
        assertFalse(pulls.isEmpty());
        long cut = System.nanoTime();
        pulls.forEach(ProcessHandle::destroyForcibly);
        health.await(ID, cut, e -> !e.state().equals("LIVE"), Duration.ofSeconds(8));
        health.awaitState(ID, cut, "LIVE", Duration.ofSeconds(15));
        assertTrue(pulls.stream().noneMatch(ProcessHandle::isAlive), "the killed ffmpeg is gone");
        assertFalse(server.ffmpegProcesses().isEmpty(), "a new pull runs");
        sleep(3000);
        int threadsAfter = threads(server.pid());
        assertTrue(threadsAfter <= threadsBefore + 4, "threads before " + threadsBefore + ", after " + threadsAfter);
    }

    @Test
    @Order(5)
    void anHlsJsPlayerPlaysOnAfterRecoveryWithoutAReload() {
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(server.uri("embed.html?camera=" + ID).toString());
            awaitPlaying(chromium, Duration.ofSeconds(30));
            camera.setRtspEnabled(false);
            awaitBadge(chromium, "FALLBACK", Duration.ofSeconds(10));
            sleep(2000);
            camera.setRtspEnabled(true);
            health.awaitState(ID, System.nanoTime() - 1, "LIVE", Duration.ofSeconds(15));
            awaitPlaying(chromium, Duration.ofSeconds(40));
        }
    }

    /** The embed page's state badge, which follows the health socket. */
    private static void awaitBadge(Chromium chromium, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object shown = null;
        while (System.nanoTime() < deadline) {
            shown = chromium.js("return document.querySelector('[data-camera-state]').dataset.state;");
            if (state.equals(shown)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("the badge shows " + shown + ", not " + state);
    }

    /** currentTime advances by more than a second while we watch. */
    private static void awaitPlaying(Chromium chromium, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        double first = currentTime(chromium);
        while (System.nanoTime() < deadline) {
            sleep(500);
            double now = currentTime(chromium);
            if (now < first) {
                first = now; // the player was rebuilt; measure from here
            } else if (now - first > 1.0) {
                return;
            }
        }
        throw new AssertionError("the video did not play within " + timeout);
    }

    private static double currentTime(Chromium chromium) {
        Object t = chromium.js("const v = document.querySelector('video'); return v ? v.currentTime : -1;");
        return t instanceof Number n ? n.doubleValue() : -1;
    }

    private static int threads(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("Threads:")).mapToInt(l -> Integer.parseInt(l.substring(8).trim()))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static double seconds(long fromNanos, HealthWatcher.Event e) {
        return (e.nanos() - fromNanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
