package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.GstreamerCamera;

/**
 * A real Fieldcast serving a camera it did not write (GStreamer's x264 RTSP server, whose frame
 * timestamps jitter: 39.9 and 40.1 ms in turn), its playlists read as players outside our own read
 * them: hls-parser in strict mode over every form a player asks for, the table of Apple's and the
 * RFC's low-latency rules hls-parser does not check, the parts' INDEPENDENT flags and durations
 * against the media itself, and what our own hls.js player makes of the hold-back.
 */
class LivePlaylistsStrictIT {
    static final String CAMERA = "gst-h264";
    static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(90);

    static GstreamerCamera camera;
    static FieldcastServer server;
    static StrictHlsParser parser;

    @BeforeAll
    static void start() {
        parser = StrictHlsParser.install("live");
        camera = GstreamerCamera.start();
        server = FieldcastServer.onStations("""
                {"sites":[{"id":"gst-site","name":"GStreamer site","cameras":[
                  {"id":"%s","name":"x264 test camera","host":"127.0.0.1","rtspPort":%d,"rtspPath":"/test"}
                ]}]}
                """.formatted(CAMERA, camera.port()), Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void everyPlaylistAPlayerAsksForPassesStrictParsingAndTheLowLatencyRules() throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        String last = fullWindow();
        seen.put("stream.m3u8", last);
        seen.put("index.m3u8", ok("index.m3u8"));
        for (int i = 1; i <= 24; i++) {
            LiveEdge edge = LiveEdge.of(last);
            String request = switch (i % 6) {
                case 0 -> "stream.m3u8";
                case 1, 4 -> edge.blockingReload();
                case 2 -> edge.blockingReload() + "&_HLS_skip=YES";
                case 3 -> "stream.m3u8?_HLS_skip=YES";
                default -> "stream.m3u8?_HLS_msn=" + edge.msn(); // held until the open segment completes
            };
            String playlist = ok(request);
            seen.put(i + ": " + request, playlist);
            if (!playlist.contains("#EXT-X-SKIP:")) {
                last = playlist;
            } else {
                assertTrue(request.contains("_HLS_skip=YES"), request);
            }
        }
        assertTrue(seen.values().stream().filter(p -> p.contains("#EXT-X-SKIP:SKIPPED-SEGMENTS=")).count() >= 8,
                "delta updates were served");

        Map<String, String> refused = new LinkedHashMap<>();
        parser.rejections(seen).forEach((label, why) -> {
            if (why != null) {
                refused.put(label, why);
            }
        });
        assertEquals(Map.of(), refused, "hls-parser (strict) refused " + refused.size() + " of " + seen.size());

        List<String> broken = new ArrayList<>();
        seen.forEach((label, text) -> LowLatencyRules.violations(text, List.of(LowLatencyRules.FULL_WINDOW))
                .forEach(v -> broken.add(label + ": " + v)));
        assertEquals(List.of(), broken);

        PlaylistText full = PlaylistText.parse(last);
        assertEquals(3 * full.partTarget(), Double.parseDouble(full.serverControl().get("PART-HOLD-BACK")), 1e-3,
                "PART-HOLD-BACK is three part targets by default");
        report(seen, full);
    }

    /**
     * RFC 8216bis 4.4.4.9 and Apple 8.1, checked against the media rather than the playlist's word:
     * ffprobe reads each listed part after its init segment.
     */
    @Test
    void partsSayIndependentWhenTheyHoldAKeyframeAndLastWhatTheirFramesLast() throws IOException {
        String text = fullWindow();
        PlaylistText p = PlaylistText.parse(text);
        String map = text.lines().filter(l -> l.startsWith("#EXT-X-MAP:")).reduce((a, b) -> b).orElseThrow();
        byte[] init = bytes(PlaylistText.attributes(map.substring("#EXT-X-MAP:".length())).get("URI"));
        List<PlaylistText.PartLine> parts = p.allParts();
        assertTrue(parts.size() >= 10, "parts listed: " + parts.size());
        for (PlaylistText.PartLine part : parts) {
            PartMedia media = PartMedia.probe(init, bytes(part.uri()));
            assertEquals(media.holdsKeyframe(), part.independent(), part.uri() + ": INDEPENDENT=YES exactly when it holds a keyframe");
            assertEquals(media.seconds(), part.duration(), 0.001, part.uri() + ": DURATION against its frames");
        }
        for (PlaylistText.SegmentLine s : p.segments()) {
            if (!s.parts().isEmpty()) {
                assertTrue(s.parts().get(0).independent(), s.uri() + ": Apple 7.4, a segment starts with an IDR");
            }
        }
    }

    /** A part's video as ffprobe sees it, after the init segment: whether it holds a keyframe, and its frames' duration. */
    record PartMedia(boolean holdsKeyframe, double seconds) {
        static PartMedia probe(byte[] init, byte[] part) throws IOException {
            Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0",
                    "-show_entries", "packet=flags,duration_time", "-of", "csv=p=0", "pipe:0").start();
            try (var in = p.getOutputStream()) {
                in.write(init);
                in.write(part);
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String errors = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(out.lines().findAny().isPresent(), "ffprobe found no frames: " + errors);
            boolean keyframe = false;
            double seconds = 0;
            for (String line : out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                String[] f = line.split(","); // duration_time,flags
                seconds += Double.parseDouble(f[0]);
                keyframe |= f[1].startsWith("K");
            }
            return new PartMedia(keyframe, seconds);
        }
    }

    /**
     * The playlist's PART-HOLD-BACK is three part targets (for Safari and iOS); our player asks hls.js
     * for two itself, before hls.js picks where to start. hls.js's instance is caught as the page creates
     * it, by a wrapper around window.Hls installed before any of the page's scripts run.
     */
    @Test
    void ourPlayerAsksHlsJsForTwoPartTargetsWhileThePlaylistSaysThree() throws Exception {
        fullWindow();
        try (Chromium chromium = Chromium.start()) {
            ((ChromiumDriver) chromium.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                    (() => {
                      let wrapped;
                      Object.defineProperty(window, 'Hls', { configurable: true, get: () => wrapped, set(Hls) {
                        wrapped = class extends Hls { constructor(config) { super(config); window.fieldcastHls = this; } };
                      } });
                    })();
                    """));
            chromium.driver().get(server.uri("embed.html?camera=" + CAMERA).toString());
            Map<?, ?> state = null;
            List<Double> latencies = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && latencies.size() < 15) {
                state = (Map<?, ?>) chromium.js("""
                        const h = window.fieldcastHls, v = document.querySelector('[data-player]');
                        const level = h && h.levels && h.levels[Math.max(0, h.currentLevel)];
                        const d = level && level.details;
                        if (!d || !v) return null;
                        return {partTarget: d.partTarget, partHoldBack: d.partHoldBack, liveSyncDuration: h.config.liveSyncDuration,
                                targetLatency: h.targetLatency, latency: h.latency, state: v.dataset.playerState, time: v.currentTime};
                        """);
                if (state != null && "playing".equals(state.get("state")) && number(state, "time") > 1) {
                    latencies.add(number(state, "latency"));
                }
                Thread.sleep(200);
            }
            assertNotNull(state, "hls.js never loaded the media playlist");
            assertTrue(latencies.size() >= 15, "not playing: " + state);
            double partTarget = number(state, "partTarget");
            assertEquals(3 * partTarget, number(state, "partHoldBack"), 1e-3, "the playlist's PART-HOLD-BACK");
            assertEquals(2 * partTarget, number(state, "liveSyncDuration"), 1e-6, "what our player asked hls.js for");
            assertTrue(number(state, "targetLatency") >= 2 * partTarget - 1e-6, "hls.js plays at it (more after a stall)");
            double median = latencies.stream().sorted().toList().get(latencies.size() / 2);
            System.out.printf(Locale.ROOT, "hls.js in Chromium: PART-TARGET %.3f s, PART-HOLD-BACK %.3f s, target latency %.3f s,"
                            + " latency to the live edge over 3 s of playing: median %.3f s (min %.3f, max %.3f)%n",
                    partTarget, number(state, "partHoldBack"), number(state, "targetLatency"), median,
                    latencies.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    latencies.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
    }

    /** A media playlist once the window holds seven segments; asking for it keeps the camera's pull running. */
    static String fullWindow() throws IOException {
        long deadline = System.nanoTime() + WINDOW_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> r = server.get("hls/" + CAMERA + "/stream.m3u8");
            if (r.statusCode() == 200 && PlaylistText.parse(r.body()).segments().size() >= 7) {
                return r.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no full window within " + WINDOW_TIMEOUT + ": " + r.statusCode() + "\n" + r.body()
                        + "\n" + server.logTail(40));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    static String ok(String file) throws IOException {
        HttpResponse<String> r = server.get("hls/" + CAMERA + "/" + file);
        assertEquals(200, r.statusCode(), file + ": " + r.body());
        assertEquals("application/vnd.apple.mpegurl", r.headers().firstValue("Content-Type").orElse("").split(";")[0], file);
        return r.body();
    }

    static byte[] bytes(String file) throws IOException {
        HttpResponse<byte[]> r = server.getBytes("hls/" + CAMERA + "/" + file);
        assertEquals(200, r.statusCode(), file);
        return r.body();
    }

    private static double number(Map<?, ?> state, String key) {
        return ((Number) state.get(key)).doubleValue();
    }

    /** The figures for the report: how many playlists, and what the parts of the last one lasted. */
    private static void report(Map<String, String> seen, PlaylistText full) {
        List<Double> notLast = new ArrayList<>();
        full.segments().forEach(s -> s.parts().subList(0, Math.max(0, s.parts().size() - 1)).forEach(p -> notLast.add(p.duration())));
        full.openParts().forEach(p -> notLast.add(p.duration()));
        System.out.printf(Locale.ROOT, "GStreamer x264 camera: %d playlists accepted; TARGETDURATION %d, PART-TARGET %.3f s,"
                        + " parts but a segment's last %.4f..%.4f s (%.1f..%.1f %% of PART-TARGET), segments %.4f..%.4f s%n",
                seen.size(), full.targetDuration(), full.partTarget(),
                notLast.stream().mapToDouble(Double::doubleValue).min().orElse(0), notLast.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                100 * notLast.stream().mapToDouble(Double::doubleValue).min().orElse(0) / full.partTarget(),
                100 * notLast.stream().mapToDouble(Double::doubleValue).max().orElse(0) / full.partTarget(),
                full.segments().stream().mapToDouble(PlaylistText.SegmentLine::duration).min().orElse(0),
                full.segments().stream().mapToDouble(PlaylistText.SegmentLine::duration).max().orElse(0));
    }
}
