package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.StaticSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard and the embed page in a real Chromium, playing real HLS through the vendored hls.js.
 * {@link OnFieldcast} runs them against the real server and its demo site; {@link OnStandIn} against
 * {@link StaticSite}, a camera list the test controls and an ffmpeg test pattern, for the cases the demo
 * site cannot produce on demand (errors, an empty list, many cameras, a list that changes).
 */
class DashboardIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("fieldcast.build-dir", "target"), "screenshots");

    private static Chromium chromium;
    private static URI base;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnFieldcast {

        @BeforeAll
        void useServer() {
            // Shared by all integration tests and stopped when the test JVM exits.
            base = FieldcastServer.demo().baseUri();
        }

        @Test
        void dashboardPlaysTheDemoSite() {
            open("index.html");
            awaitPlaying("[data-camera-tile] video");
            String first = "[data-camera-id='" + firstCameraId() + "']";

            assertEquals("Fieldcast", text(".navbar-brand"));
            assertTrue(!texts("[data-site-name]").isEmpty() && !texts("[data-site-name]").get(0).isEmpty(),
                    "a site heading");
            assertTrue(List.of("Fixed", "PTZ").contains(text(first + " [data-camera-type]")));
            // The server reports LIVE once segments arrive; the page catches up within one 5 s refresh.
            await("the first camera's badge to read Live", Duration.ofSeconds(15),
                    () -> "Live".equals(text(first + " [data-camera-state]")));
            chromium.screenshot(SCREENSHOTS.resolve("dashboard-fieldcast.png"));
            assertEverythingCameFromTheSite();
        }

        @Test
        void embedPagePlaysADemoCamera() {
            open("index.html");
            await("the camera list", START_TIMEOUT, () -> firstCameraId() != null);
            String id = firstCameraId();

            open("embed.html?camera=" + id);
            awaitPlaying("[data-embed] video");
            await("the embed badge to read Live", Duration.ofSeconds(15),
                    () -> "Live".equals(text("[data-embed] [data-camera-state]")));
            chromium.screenshot(SCREENSHOTS.resolve("embed-fieldcast.png"));
            assertEverythingCameFromTheSite();
        }

        private String firstCameraId() {
            return (String) chromium.js(
                    "const t = document.querySelector('[data-camera-tile]'); return t ? t.dataset.cameraId : null");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnStandIn {

        private StaticSite site;
        private String hls;

        @BeforeAll
        void startSite() {
            site = StaticSite.start();
            hls = site.startTestStream("demo-fixed");
            base = site.baseUri();
        }

        @AfterAll
        void stopSite() {
            if (site != null) {
                site.close();
            }
        }

        @Test
        void dashboardPlaysTheFirstTileAndShowsItsState() {
            site.camerasJson(twoSites());
            open("index.html");

            String firstVideo = "[data-camera-tile] video";
            awaitPlaying(firstVideo);

            assertEquals("Fieldcast", text(".navbar-brand"));
            assertEquals(List.of("Demo site", "North ridge"), texts("[data-site-name]"));
            assertEquals("demo-fixed", chromium.js("return document.querySelector('[data-camera-tile]').dataset.cameraId"));
            assertEquals("Live", text("[data-camera-id='demo-fixed'] [data-camera-state]"));
            assertEquals("Fixed", text("[data-camera-id='demo-fixed'] [data-camera-type]"));
            assertEquals("PTZ", text("[data-camera-id='demo-ptz'] [data-camera-type]"));
            assertEquals("Error", text("[data-camera-id='ridge-1'] [data-camera-state]"));
            assertEquals("RTSP connection refused", text("[data-camera-id='ridge-1'] [data-state-reason]"));
            assertTrue(((String) chromium.js("return document.querySelector(\"[data-camera-id='demo-fixed'] [data-open]\").href"))
                    .endsWith("/embed.html?camera=demo-fixed"));
            assertEquals("rgb(25, 135, 84)", // Bootstrap's success green: the stylesheet came from the WebJar
                    chromium.js("return getComputedStyle(document.querySelector(\"[data-camera-id='demo-fixed'] [data-camera-state]\")).backgroundColor"));
            chromium.screenshot(SCREENSHOTS.resolve("dashboard-stand-in.png"));
            assertEverythingCameFromTheSite();
            assertEquals(List.of(), site.cspReports(), "Content-Security-Policy violations");
        }

        @Test
        void stationProblemsAreListedAsTextAndGoWhenFixed() {
            site.camerasJson(twoSites());
            site.problemsJson("""
                    [{"source": "stations.json", "subject": "site 'ridge' camera #2 ('bad-cam')",
                      "message": "rtspPort must be 1..65535, was 70000"},
                     {"source": "database", "subject": "camera 'ridge-1'",
                      "message": "gateway 'ridge-gw' has no mapping for <b>RTSP</b> port 554"}]""");
            open("index.html");
            await("the problems panel", Duration.ofSeconds(15), () -> "false".equals(
                    String.valueOf(chromium.js("return document.querySelector('[data-problems]').hidden"))));
            assertEquals("2 problems", text("[data-problem-count]"));
            assertEquals(List.of("stations.json: site 'ridge' camera #2 ('bad-cam'): rtspPort must be 1..65535, was 70000",
                    "database: camera 'ridge-1': gateway 'ridge-gw' has no mapping for <b>RTSP</b> port 554"),
                    texts("[data-problem]"));
            assertEquals(0L, chromium.js("return document.querySelectorAll('[data-problems] b').length"), "text, never markup");
            chromium.screenshot(SCREENSHOTS.resolve("dashboard-problems.png"));

            site.problemsJson("[]");
            await("the panel to go once the problems are fixed", Duration.ofSeconds(15), () -> "true".equals(
                    String.valueOf(chromium.js("return document.querySelector('[data-problems]').hidden"))));
            assertEquals(List.of(), site.cspReports(), "Content-Security-Policy violations");
        }

        @Test
        void refreshUpdatesBadgesWithoutRestartingPlayers() {
            site.camerasJson(twoSites());
            open("index.html");
            String video = "[data-camera-id='demo-fixed'] video";
            awaitPlaying(video);
            chromium.js("document.querySelector(arguments[0]).fieldcastMark = 'same element'", video);

            site.camerasJson(twoSites().replace("\"LIVE\"", "\"STARTING\""));
            await("the badge to follow the refreshed list", Duration.ofSeconds(15),
                    () -> "Starting".equals(text("[data-camera-id='demo-fixed'] [data-camera-state]")));

            assertEquals("same element", chromium.js("return document.querySelector(arguments[0]).fieldcastMark", video));
            assertEquals("playing", playerState(video));
        }

        @Test
        void playerRetriesUntilTheStreamAppears() {
            site.camerasJson("[" + camera("late", "Late camera", "FIXED", "demo", "Demo site", "STARTING", null,
                    "hls/late/index.m3u8") + "]");
            open("index.html");
            String video = "[data-camera-id='late'] video";
            await("the player to fail on the missing playlist", START_TIMEOUT, () -> "error".equals(playerState(video)));

            site.startTestStream("late");
            awaitPlaying(video);
        }

        @Test
        void tilesOffScreenDoNotPlay() {
            site.camerasJson(manyCameras(15));
            open("index.html");
            awaitPlaying("[data-camera-id='cam-1'] video");
            assertEquals(15L, chromium.js("return document.querySelectorAll('[data-camera-tile] video').length"));
            String last = "[data-camera-id='cam-15'] video";
            assertTrue(playerState(last) == null || "stopped".equals(playerState(last)), "the last tile is off screen");

            chromium.js("document.querySelector(arguments[0]).scrollIntoView()", last);
            awaitPlaying(last);
            await("the first tile to stop once scrolled away", Duration.ofSeconds(10),
                    () -> "stopped".equals(playerState("[data-camera-id='cam-1'] video")));
        }

        @Test
        void embedPagePlaysOneCameraWithoutNavbar() {
            site.camerasJson(twoSites());
            open("embed.html?camera=demo-fixed");
            awaitPlaying("[data-embed] video");

            assertEquals("Live", text("[data-embed] [data-camera-state]"));
            assertEquals(0L, chromium.js("return document.querySelectorAll('.navbar').length"));
            assertEquals(1L, chromium.js("return document.querySelectorAll('[data-ptz]').length"));
            assertEquals("FIXED", chromium.js("return document.querySelector('[data-embed]').dataset.cameraType"));
            chromium.screenshot(SCREENSHOTS.resolve("embed-stand-in.png"));
            assertEverythingCameFromTheSite();
            assertEquals(List.of(), site.cspReports(), "Content-Security-Policy violations");
        }

        @Test
        void embedPageNamesAnUnknownCamera() {
            site.camerasJson(twoSites());
            open("embed.html?camera=nope");
            await("the unknown camera message", START_TIMEOUT,
                    () -> text("[data-embed] [data-message]").contains("nope"));
        }

        @Test
        void dashboardSaysWhenThereAreNoCameras() {
            site.camerasJson("[]");
            open("index.html");
            await("the empty list message", START_TIMEOUT, () -> text("[data-message]").contains("No cameras"));
        }

        @Test
        void dashboardSaysWhenTheApiFails() {
            site.failCameras(503);
            open("index.html");
            await("the API error message", START_TIMEOUT, () -> text("[data-message]").contains("HTTP 503"));
            assertEquals("error", chromium.js("return document.body.dataset.listState"));
        }

        private String twoSites() {
            return "[" + camera("demo-fixed", "Demo fixed camera", "FIXED", "demo", "Demo site", "LIVE", null, hls)
                    + "," + camera("demo-ptz", "Demo PTZ camera", "PTZ", "demo", "Demo site", "LIVE", null, hls)
                    + "," + camera("ridge-1", "Ridge mast", "FIXED", "ridge", "North ridge", "ERROR",
                            "RTSP connection refused", "hls/ridge-1/index.m3u8")
                    + "]";
        }

        private String manyCameras(int count) {
            return IntStream.rangeClosed(1, count)
                    .mapToObj(i -> camera("cam-" + i, "Camera " + i, "FIXED", "big", "Big site", "LIVE", null, hls))
                    .collect(Collectors.joining(",", "[", "]"));
        }

        private String camera(String id, String name, String type, String siteId, String siteName,
                              String state, String reason, String hlsUrl) {
            return """
                    {"id":"%s","name":"%s","type":"%s","model":"Simulated DINION",
                     "site":{"id":"%s","name":"%s"},"state":"%s","stateReason":%s,
                     "streams":{"hls":"%s"}}""".formatted(id, name, type, siteId, siteName, state,
                    reason == null ? "null" : "\"" + reason + "\"", hlsUrl);
        }
    }

    /** No CDN: every resource the page loaded is the site's own, hls.js's worker included. */
    @SuppressWarnings("unchecked")
    private static void assertEverythingCameFromTheSite() {
        List<String> resources = (List<String>) chromium.js(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        String origin = base.toString();
        assertTrue(resources.stream().allMatch(url -> url.startsWith(origin)), () -> "Foreign resources: " + resources);
        assertTrue(resources.stream().anyMatch(url -> url.endsWith("/webjars/bootstrap/5.3.8/css/bootstrap.min.css")),
                () -> "Bootstrap not loaded: " + resources);
        assertTrue(resources.stream().anyMatch(url -> url.endsWith("/vendor/hls.js/hls.min.js")),
                () -> "hls.js not loaded: " + resources);
        assertTrue(resources.stream().anyMatch(url -> url.endsWith("/vendor/hls.js/hls.worker.js")),
                () -> "hls.js did not load its worker from the site: " + resources);
    }

    private static void open(String page) {
        chromium.driver().get(base.resolve(page).toString());
    }

    /** Waits until the video decodes frames and its clock advances by more than 2 s. */
    private static void awaitPlaying(String video) {
        await(video + " to decode frames", START_TIMEOUT, () -> {
            Map<?, ?> p = playback(video);
            return p != null && ((Number) p.get("frames")).longValue() > 0 && ((Number) p.get("time")).doubleValue() > 0;
        });
        double start = ((Number) playback(video).get("time")).doubleValue();
        await(video + " to play on for 2 s", START_TIMEOUT,
                () -> ((Number) playback(video).get("time")).doubleValue() > start + 2);
    }

    private static Map<?, ?> playback(String video) {
        return (Map<?, ?>) chromium.js("""
                const v = document.querySelector(arguments[0]);
                if (!v) return null;
                const frames = v.getVideoPlaybackQuality
                    ? v.getVideoPlaybackQuality().totalVideoFrames : v.webkitDecodedFrameCount;
                return {time: v.currentTime, frames: frames};
                """, video);
    }

    private static String playerState(String video) {
        return (String) chromium.js(
                "const v = document.querySelector(arguments[0]); return v ? v.dataset.playerState || null : null", video);
    }

    private static String text(String selector) {
        Object text = chromium.js("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : ''", selector);
        return (String) text;
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(String selector) {
        return (List<String>) chromium.js(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())", selector);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        new WebDriverWait(chromium.driver(), timeout, Duration.ofMillis(200))
                .withMessage(() -> "Waited " + timeout.toSeconds() + " s for " + what)
                .until(driver -> condition.getAsBoolean());
    }
}
