package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldcast.testing.FieldcastServer;
/**
 * The sub-second path: glass-to-glass of Fieldcast's MJPEG ({@code <img>} on {@code stream.mjpg}) and
 * WebSocket frames (decoded to a canvas), beside a plain {@code ffmpeg -f mpjpeg} relay of the same
 * camera served by the benchmark's own web server; time to first frame with the camera warm.
 * Fieldcast's modes are measured only when its build has the endpoints; otherwise they are reported
 * as not available and only the baseline runs.
 */
final class MjpegBench {
    private static final Duration FIRST_FRAME_TIMEOUT = Duration.ofSeconds(20);
    private static final String IMG = "MJPEG <img> (Fieldcast)";
    private static final String WS = "WebSocket frames (Fieldcast)";
    private static final String BASELINE = "ffmpeg -f mpjpeg relay (baseline)";

    private final Report report = new Report("mjpeg-latency");
    private final int rounds;
    private final int joins;
    private final Duration play;

    MjpegBench(Options o) {
        rounds = o.integer("rounds", 3);
        joins = o.integer("joins", 2);
        play = o.seconds("seconds", 10);
    }

    record Source(String mode, String url, Map<String, String> options) {
    }

    Path run() throws Exception {
        CameraFarm.Plan plan = new CameraFarm.Plan(1, 1, 1280, 720, 25, 2000, 1);
        report.note("camera: " + plan.describe() + ", always on; Fieldcast's default MJPEG profile");
        JsonArrayBuilder json = Json.createArrayBuilder();
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("mjpeg").resolve("farm"));
             BenchSite site = BenchSite.start();
             FieldcastServer server = ServerUnderTest.boot(farm, ServerUnderTest.allowingPagesOf(site));
             Probe probe = Probe.start(site)) {
            String camera = farm.cameraIds().get(0);
            ServerUnderTest.awaitState(server, camera, "LIVE", Duration.ofSeconds(30));
            Map<String, Source> sources = new LinkedHashMap<>();
            if (available(server, camera)) {
                sources.put(IMG, new Source("mjpeg", server.uri("mjpeg/" + camera + "/stream.mjpg").toString(), Map.of("cors", "1")));
                sources.put(WS, new Source("ws", "wss://127.0.0.1:" + server.baseUri().getPort() + "/ws/frames", Map.of("camera", camera)));
            } else {
                report.row(IMG + " / " + WS, "not available: this build has no /mjpeg endpoint");
            }
            sources.put(BASELINE, new Source("mjpeg", site.relayMjpeg("camera", farm.rtspUrl(0)), Map.of()));
            Map<String, JoinRounds> results = new LinkedHashMap<>();
            sources.keySet().forEach(k -> results.put(k, new JoinRounds()));
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(sources.keySet());
                Collections.rotate(order, round); // each source goes first in turn
                for (String name : order) {
                    Source s = sources.get(name);
                    List<Probe.Join> list = new ArrayList<>();
                    for (int j = 0; j < joins; j++) {
                        list.add(probe.join(s.mode(), s.url(), s.options(), play, FIRST_FRAME_TIMEOUT));
                    }
                    results.get(name).add(list);
                    System.out.printf("  round %d %s: %s%n", round + 1, name, results.get(name).last());
                }
            }
            for (var e : results.entrySet()) {
                JoinRounds r = e.getValue();
                report.row(e.getKey() + ", glass-to-glass", Report.millis(r.all()));
                report.row(e.getKey() + ", p50 per round", Report.spread(r.p50s(), "ms"));
                report.row(e.getKey() + ", first frame warm", Report.millis(Distribution.of(r.firstFrames())));
                report.row(e.getKey() + ", frames presented / skipped", r.presented() + " / " + r.skipped());
                if (e.getKey().equals(WS)) {
                    List<Double> since = r.joins().stream().flatMap(j -> j.sinceFieldcast().stream()).toList();
                    report.row(WS + ", from Fieldcast's receipt to the canvas", Report.millis(Distribution.of(since)));
                }
                json.add(r.toJson("mjpeg", e.getKey()));
            }
        }
        report.put("runs", json.build());
        return report.finish();
    }

    /** True when the server has the MJPEG endpoints (a snapshot answers). */
    private static boolean available(FieldcastServer server, String camera) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int status = server.getBytes("mjpeg/" + camera + "/snapshot.jpg").statusCode();
                if (status == 200) {
                    return true;
                }
                if (status == 404) {
                    return false;
                }
            } catch (IOException e) {
                // try again
            }
            Processes.sleep(500);
        }
        return false;
    }
}
