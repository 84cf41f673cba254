package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldcast.testing.FieldcastServer;
/**
 * Glass-to-glass latency and time to first frame, LL-HLS against plain {@code ffmpeg -f hls}, both
 * played by our player (hls.js with Fieldcast's settings) in headless Chromium.
 * <p>
 * One 1280x720, 25 fps, 2 Mbit/s camera is always on (the warm one); a second one starts on demand
 * (the cold one) and stops 3 s after its last viewer. The baseline reads the warm camera's encoder.
 * For each PART-HOLD-BACK value Fieldcast is booted anew; each round plays both sources, in alternating
 * order, with fresh joins.
 */
final class LatencyBench {
    private static final Duration FIRST_FRAME_TIMEOUT = Duration.ofSeconds(20);
    private static final String OURS = "LL-HLS (Fieldcast)";
    private static final String BASELINE = "ffmpeg -f hls (baseline)";

    private final Report report = new Report("hls-latency");
    private final List<Double> holdBacks;
    private final int rounds;
    private final int joins;
    private final Duration play;
    private final int warmJoins;
    private final int coldJoins;

    LatencyBench(Options o) {
        holdBacks = o.numbers("part-hold-back", "2,3,4"); // in parts; the spec's floor is 2, which Fieldcast ships
        rounds = o.integer("rounds", 3);
        joins = o.integer("joins", 2); // fresh joins per source and round
        play = o.seconds("seconds", 10); // recorded per join, after its first frame
        warmJoins = o.integer("warm-joins", 5);
        coldJoins = o.integer("cold-joins", 3);
    }

    Path run() throws Exception {
        Path work = Benchmarks.workDir("hls");
        CameraFarm.Plan plan = new CameraFarm.Plan(2, 2, 1280, 720, 25, 2000, 1);
        report.note("cameras: " + plan.describe() + "; " + plan.cameras() + " encoders; the first always on");
        JsonArrayBuilder runs = Json.createArrayBuilder();
        try (CameraFarm farm = CameraFarm.start(plan, work.resolve("farm"));
             BaselineHls baseline = BaselineHls.start(farm.rtspUrl(0), work.resolve("baseline"));
             BenchSite site = BenchSite.start()) {
            String baselineUrl = site.serveFolder("baseline", work.resolve("baseline")) + baseline.playlistName();
            for (double holdBack : holdBacks) {
                runs.add(oneServer(farm, site, baselineUrl, holdBack));
            }
        }
        report.put("runs", runs.build());
        return report.finish();
    }

    private JsonArrayBuilder oneServer(CameraFarm farm, BenchSite site, String baselineUrl, double holdBack) throws Exception {
        String warm = farm.cameraIds().get(0);
        String cold = farm.cameraIds().get(1);
        Map<String, String> env = new java.util.HashMap<>(ServerUnderTest.allowingPagesOf(site));
        env.put("FIELDCAST_HLS_PART_HOLD_BACK", Double.toString(holdBack));
        env.put("FIELDCAST_STREAM_IDLE_TIMEOUT", "PT3S");
        String label = String.format(Locale.ROOT, "PART-HOLD-BACK %.1f parts", holdBack);
        JsonArrayBuilder json = Json.createArrayBuilder();
        try (FieldcastServer server = ServerUnderTest.boot(farm, env); Probe probe = Probe.start(site)) {
            if (!ServerUnderTest.awaitState(server, warm, "LIVE", Duration.ofSeconds(30))) {
                throw new IllegalStateException("the always-on camera is not live: " + server.logTail(40));
            }
            Map<String, String> sources = new LinkedHashMap<>();
            sources.put(OURS, server.uri("hls/" + warm + "/index.m3u8").toString());
            sources.put(BASELINE, baselineUrl);
            Map<String, JoinRounds> results = new LinkedHashMap<>();
            sources.keySet().forEach(k -> results.put(k, new JoinRounds()));
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(sources.keySet());
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String source : order) {
                    List<Probe.Join> list = new ArrayList<>();
                    for (int j = 0; j < joins; j++) {
                        list.add(probe.join("hls", sources.get(source), playerOptions(source), play, FIRST_FRAME_TIMEOUT));
                    }
                    results.get(source).add(list);
                    System.out.printf("  %s round %d %s: %s%n", label, round + 1, source, results.get(source).last());
                }
            }
            for (var e : results.entrySet()) {
                report.row(label + ", " + e.getKey() + ", glass-to-glass", Report.millis(e.getValue().all()));
                report.row(label + ", " + e.getKey() + ", p50 per round", Report.spread(e.getValue().p50s(), "ms"));
                json.add(e.getValue().toJson(label, e.getKey()));
            }
            firstFrames(probe, server, sources, cold, label, json);
        }
        return json;
    }

    private void firstFrames(Probe probe, FieldcastServer server, Map<String, String> sources, String cold, String label,
                             JsonArrayBuilder json) {
        for (var source : sources.entrySet()) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < warmJoins; i++) {
                times.add(probe.join("hls", source.getValue(), playerOptions(source.getKey()), Duration.ofSeconds(1), FIRST_FRAME_TIMEOUT).firstFrameMillis());
            }
            report.row(label + ", " + source.getKey() + ", first frame warm", Report.millis(Distribution.of(times)));
            json.add(Json.createObjectBuilder().add("label", label).add("source", source.getKey()).add("firstFrameWarmMs", array(times)));
        }
        List<Double> coldTimes = new ArrayList<>();
        String coldUrl = server.uri("hls/" + cold + "/index.m3u8").toString();
        for (int i = 0; i < coldJoins; i++) {
            if (!ServerUnderTest.awaitState(server, cold, "IDLE", Duration.ofSeconds(30))) {
                report.note("the on-demand camera did not go idle; cold join " + (i + 1) + " skipped");
                continue;
            }
            Processes.sleep(1500); // its ffmpeg has quit too
            coldTimes.add(probe.join("hls", coldUrl, Map.of(), Duration.ofSeconds(1), FIRST_FRAME_TIMEOUT).firstFrameMillis());
        }
        report.row(label + ", " + OURS + ", first frame cold (on-demand start)", Report.millis(Distribution.of(coldTimes)));
        json.add(Json.createObjectBuilder().add("label", label).add("source", OURS).add("firstFrameColdMs", array(coldTimes)));
    }

    /**
     * Our player as it is for Fieldcast. Plain HLS has no PART-HOLD-BACK, and hls.js would stay three
     * segments behind it; the baseline gets two, the closest it plays without stalling, so it is not
     * handicapped by a default.
     */
    private static Map<String, String> playerOptions(String source) {
        return source.equals(BASELINE) ? Map.of("liveSyncDurationCount", "2") : Map.of();
    }

    static JsonArrayBuilder array(List<Double> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(v -> a.add(Report.number(v)));
        return a;
    }
}
