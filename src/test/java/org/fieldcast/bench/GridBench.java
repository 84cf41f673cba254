package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
/**
 * A dashboard: 9 and 16 LL-HLS tiles in one headless Chromium, every tile's glass-to-glass latency read
 * from its own ruler, over HTTPS with HTTP/2 (one connection for the whole page) and, in the same run
 * against the same server and TLS, over HTTP/1.1 ({@code --disable-http2}: six connections per origin,
 * each holding one request at a time).
 * <p>
 * Every camera is always on, so the figures are steady state, not on-demand starts. Cameras share a few
 * encoders (each station camera still has its own RTSP session, ffmpeg and playlist in Fieldcast), as
 * 16 encoders would take a 2-core machine from the browser and the server that are measured.
 */
final class GridBench {
    private static final Duration FIRST_FRAMES_TIMEOUT = Duration.ofSeconds(40);
    private static final String H2 = "h2";
    private static final String H1 = "http/1.1";

    private final Report report = new Report("grid");
    private final List<Integer> grids;
    private final List<String> transports;
    private final int encoders;
    private final int kbps;
    private final int rounds;
    private final Duration settle;
    private final Duration measure;

    GridBench(Options o) {
        grids = o.numbers("grids", "9,16").stream().map(Double::intValue).toList();
        transports = List.of(o.text("transports", H2 + "," + H1).split(","));
        encoders = o.integer("encoders", 4); // shared by the cameras: see the class comment
        kbps = o.integer("kbps", 1000);
        rounds = o.integer("rounds", 1); // each round plays every grid over each transport, order alternating
        settle = o.seconds("settle", 6); // after every tile's first frame: hls.js reaches its target latency
        measure = o.seconds("seconds", 20);
    }

    Path run() throws Exception {
        int cameras = Collections.max(grids);
        CameraFarm.Plan plan = new CameraFarm.Plan(Math.min(encoders, cameras), cameras, 640, 360, 25, kbps, cameras);
        report.note("cameras: " + plan.describe() + ", all always on; tiles 320x180 on a 1280x900 headless window;"
                + " our player.js (hls.js), LL-HLS; " + settle.toSeconds() + " s settling, then " + measure.toSeconds() + " s measured");
        JsonArrayBuilder json = Json.createArrayBuilder();
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("grid").resolve("farm"));
             BenchSite site = BenchSite.start();
             FieldcastServer server = ServerUnderTest.boot(farm, ServerUnderTest.allowingPagesOf(site))) {
            for (String camera : farm.cameraIds()) {
                if (!ServerUnderTest.awaitState(server, camera, "LIVE", Duration.ofSeconds(60))) {
                    throw new IllegalStateException(camera + " is not live: " + server.logTail(40));
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int size : grids) {
                    List<String> order = new ArrayList<>(transports);
                    if ((round + grids.indexOf(size)) % 2 == 1) {
                        Collections.reverse(order); // neither transport always goes first on a warmer machine
                    }
                    for (String transport : order) {
                        json.add(oneGrid(farm, site, server, size, transport.trim(), round + 1));
                    }
                }
            }
        }
        report.put("grids", json.build());
        return report.finish();
    }

    private JsonObjectBuilder oneGrid(CameraFarm farm, BenchSite site, FieldcastServer server, int size, String transport,
                                      int round) {
        String label = size + " tiles, " + transport + (rounds > 1 ? ", round " + round : "");
        List<URI> playlists = farm.cameraIds().subList(0, size).stream().map(c -> server.uri("hls/" + c + "/index.m3u8")).toList();
        try (Chromium chromium = Chromium.start(transport.equals(H1) ? List.of("--disable-http2") : List.of())) {
            GridPage page = GridPage.open(chromium, site, playlists);
            long deadline = System.nanoTime() + FIRST_FRAMES_TIMEOUT.toNanos();
            while (!page.allPlaying() && System.nanoTime() < deadline) {
                Processes.sleep(500);
                page.poll();
            }
            Processes.sleep(settle.toMillis());
            page.record();
            List<Long> browser = BrowserProcesses.pids();
            var cpu = Processes.CpuWindow.open(concat(List.of(server.pid()), browser));
            int connections = 0;
            long end = System.nanoTime() + measure.toNanos();
            while (System.nanoTime() < end) {
                Processes.sleep(500);
                page.poll();
                connections = Math.max(connections, BrowserProcesses.connectionsTo(server.baseUri().getPort()));
            }
            double[] used = cpu.percentOfCore();
            double browserCpu = 0;
            for (int i = 1; i < used.length; i++) {
                browserCpu += Double.isNaN(used[i]) ? 0 : used[i]; // a renderer that ended meanwhile
            }
            return summarize(label, size, transport, page, connections, used[0], browserCpu, browser.size());
        }
    }

    private JsonObjectBuilder summarize(String label, int size, String transport, GridPage page, int connections,
                                        double serverCpu, double browserCpu, int browserProcesses) {
        List<GridPage.Tile> tiles = page.tiles();
        List<Distribution> each = tiles.stream().map(t -> Distribution.of(t.latencies())).toList();
        List<Double> p50s = each.stream().filter(d -> d.count() > 0).map(Distribution::p50).toList();
        Distribution ofP50s = Distribution.of(p50s);
        long silent = each.stream().filter(d -> d.count() == 0).count();
        report.row(label + ": tile p50 (each, ms)", figures(each, Distribution::p50, "%.0f"));
        report.row(label + ": tile p95 (each, ms)", figures(each, Distribution::p95, "%.0f"));
        report.row(label + ": median of tile p50s / worst tile p50", String.format(Locale.ROOT, "%.0f ms / %.0f ms%s",
                ofP50s.p50(), ofP50s.max(), silent > 0 ? " (" + silent + " tiles showed no frame while measured)" : ""));
        report.row(label + ": all frames of all tiles", Report.millis(Distribution.of(tiles.stream().flatMap(t -> t.latencies().stream()).toList())));
        report.row(label + ": hls.js's own latency, median per tile (s)", figures(tiles.stream()
                .map(t -> Distribution.of(t.playerLatencies())).toList(), d -> d.p50(), "%.2f"));
        report.row(label + ": frames presented / skipped while measured", tiles.stream().mapToLong(GridPage.Tile::frames).sum()
                + " / " + tiles.stream().mapToLong(GridPage.Tile::skipped).sum() + " (the cameras made "
                + Math.round(25 * measure.toSeconds() * size) + ")");
        report.row(label + ": TCP connections to Fieldcast (most at once) / requests by protocol",
                connections + " / " + page.protocols());
        report.row(label + ": CPU, browser (" + browserProcesses + " processes) / server JVM",
                Report.percent(browserCpu) + " / " + Report.percent(serverCpu) + " of a core");
        if (size == 9 && transport.equals(H2)) {
            boolean met = !p50s.isEmpty() && silent == 0 && ofP50s.max() <= 1000 && ofP50s.p50() <= 700;
            report.row(label + ": target (every tile p50 <= 1.0 s, median <= 0.7 s)", met ? "met" : "not met");
        }
        if (!page.errors().isEmpty()) {
            report.note(label + ": page errors: " + page.errors().stream().distinct().limit(5).collect(Collectors.joining("; ")));
        }
        JsonArrayBuilder tileJson = Json.createArrayBuilder();
        for (int i = 0; i < tiles.size(); i++) {
            GridPage.Tile t = tiles.get(i);
            tileJson.add(Json.createObjectBuilder().add("latencyMs", each.get(i).toJson())
                    .add("playerLatencySeconds", Distribution.of(t.playerLatencies()).toJson())
                    .add("firstFrameMs", Report.number(t.firstFrameMillis())).add("frames", t.frames())
                    .add("skipped", t.skipped()).add("unreadable", t.unreadable()).add("playerState", t.state()));
        }
        JsonObjectBuilder protocols = Json.createObjectBuilder();
        page.protocols().forEach(protocols::add);
        return Json.createObjectBuilder().add("label", label).add("tiles", size).add("transport", transport)
                .add("perTile", tileJson).add("medianOfTileP50Ms", Report.number(ofP50s.p50()))
                .add("connections", connections).add("requestsByProtocol", protocols)
                .add("browserCpuPercent", Report.number(browserCpu)).add("serverCpuPercent", Report.number(serverCpu))
                .add("loadAverage", Report.loadAverage());
    }

    private static String figures(List<Distribution> each, java.util.function.ToDoubleFunction<Distribution> which, String format) {
        return each.stream().map(d -> d.count() == 0 ? "-" : String.format(Locale.ROOT, format, which.applyAsDouble(d)))
                .collect(Collectors.joining(" "));
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
