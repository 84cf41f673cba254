package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;

/**
 * The sub-second H.264 path: fMP4 a picture at a time over one {@code /ws/mse} socket, played by our
 * {@code MsePlayer} (Media Source Extensions) in headless Chromium. Cameras 1280x720, 25 fps, 2 Mbit/s.
 * Parts, each selectable with {@code --parts} (default all, in this order):
 * <ul>
 * <li>{@code latency}: glass-to-glass of MSE beside MJPEG {@code <img>}, WebSocket JPEG frames and LL-HLS,
 *     fresh joins, rounds rotating the order; first frame on a running camera;</li>
 * <li>{@code drift}: one MSE viewer for {@code --drift-seconds}: the first window's p50 against the last's;</li>
 * <li>{@code fanout}: 0, 10, 50, 100 Java viewers of one camera: bytes per viewer against what the camera
 *     sent, the server's CPU per added viewer, delivery delay (arrival - the fragment's server stamp, same
 *     clock) and whether every viewer got every fragment;</li>
 * <li>{@code slow}: one viewer reading at half the stream's rate for a while among normal ones: what it
 *     loses, how soon its delay is back under 300 ms, and the others' delay meanwhile;</li>
 * <li>{@code grid}: 9 MSE tiles on one socket in one Chromium (sub streams where the camera has them),
 *     every tile's p50 and the browser's CPU; its own cameras and server.</li>
 * </ul>
 * The defaults make a quick run of five to six minutes on a quiet machine; the README lists the options for the full figures.
 */
final class MseBench {
    private static final Duration FIRST_FRAME_TIMEOUT = Duration.ofSeconds(20);
    private static final String MSE = "MSE (Fieldcast, MsePlayer)";
    private static final String IMG = "MJPEG <img> (Fieldcast)";
    private static final String WS = "WebSocket JPEG frames (Fieldcast)";
    private static final String HLS = "LL-HLS (Fieldcast, hls.js)";
    private static final int FPS = 25;
    /** The slow viewer is back when its delay stays under this (the figure). */
    private static final double RECOVERED_UNDER_MS = 300;

    private final Report report = new Report("mse");
    private final List<String> parts;
    private final int rounds;
    private final int joins;
    private final Duration play;
    private final int firstFrameJoins;
    private final Duration drift;
    private final Duration driftWindow;
    private final List<Integer> viewerLevels;
    private final Duration window;
    private final int slowOthers;
    private final Duration throttle;
    private final int gridTiles;
    private final int gridEncoders;
    private final String gridStream;
    private final String gridSubstreamPath;
    private final Duration gridSettle;
    private final Duration gridMeasure;

    MseBench(Options o) {
        parts = List.of(o.text("parts", "latency,drift,fanout,slow,grid").split(","));
        rounds = o.integer("rounds", 2); // latency: each round plays every source, each source first in turn
        joins = o.integer("joins", 1); // latency: fresh joins per source and round
        play = o.seconds("seconds", 6); // latency: recorded per join, after its first frame
        firstFrameJoins = o.integer("first-frame-joins", 2); // per source, 1 s each, besides the joins above
        drift = o.seconds("drift-seconds", 45); // the figure: 300
        driftWindow = Duration.ofSeconds(Math.min(30, Math.max(5, drift.toSeconds() / 3)));
        viewerLevels = o.numbers("viewers", "0,10,50,100").stream().map(Double::intValue).toList();
        window = o.seconds("window", 8); // fanout: CPU and bytes measured per level over this
        slowOthers = o.integer("slow-others", 10);
        throttle = o.seconds("throttle-seconds", 10);
        gridTiles = o.integer("grid-tiles", 9);
        gridEncoders = o.integer("grid-encoders", 3); // shared by the grid's cameras, as GridBench does
        gridStream = o.text("grid-stream", "sub");
        // The cameras' substreamPath in the station file: the simulated camera's 640x360 second stream, as a
        // Bosch camera's; "none": the cameras have no substream and the tiles play their main streams.
        String substream = o.text("grid-substream-path", "/?inst=2");
        gridSubstreamPath = substream.equals("none") ? "" : substream;
        gridSettle = o.seconds("grid-settle", 5);
        gridMeasure = o.seconds("grid-seconds", 12);
    }

    Path run() throws Exception {
        report.note("parts: " + String.join(",", parts));
        List<String> oneCamera = parts.stream().filter(p -> !p.equals("grid")).toList();
        if (!oneCamera.isEmpty()) {
            oneCamera(oneCamera);
        }
        if (parts.contains("grid")) {
            grid();
        }
        return report.finish();
    }

    private void oneCamera(List<String> which) throws Exception {
        CameraFarm.Plan plan = new CameraFarm.Plan(1, 1, 1280, 720, FPS, 2000, 1);
        report.note("camera: " + plan.describe() + ", always on, 1 s GOP");
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("mse").resolve("farm"));
             BenchSite site = BenchSite.start()) {
            try (FieldcastServer server = ServerUnderTest.boot(farm, ServerUnderTest.allowingPagesOf(site))) {
                String camera = farm.cameraIds().get(0);
                if (!ServerUnderTest.awaitState(server, camera, "LIVE", Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the camera is not live: " + server.logTail(40));
                }
                boolean mse = mseAvailable(server, camera);
                if (!mse) {
                    report.row(MSE, "not available: this build has no /ws/mse (or it sent no fragment in 15 s)");
                }
                if (which.contains("latency") || which.contains("drift")) {
                    try (Probe probe = Probe.start(site)) {
                        if (which.contains("latency")) {
                            latency(server, probe, camera, mse);
                        }
                        if (which.contains("drift") && mse) {
                            drift(server, probe, camera);
                        }
                    }
                }
                if (which.contains("fanout") && mse) {
                    fanout(server, farm, camera);
                }
                if (which.contains("slow") && mse) {
                    slowViewer(server, camera);
                }
            }
        }
    }

    // ---- 1. glass-to-glass beside the other paths, and the first frame ----

    private record Source(String mode, String url, Map<String, String> options) {
    }

    private void latency(FieldcastServer server, Probe probe, String camera, boolean mse) {
        String wss = "wss://127.0.0.1:" + server.baseUri().getPort() + "/ws/";
        Map<String, Source> sources = new LinkedHashMap<>();
        if (mse) {
            sources.put(MSE, new Source("mse", mseSocketForPages(server), Map.of("camera", camera, "stream", "main")));
        }
        sources.put(IMG, new Source("mjpeg", server.uri("mjpeg/" + camera + "/stream.mjpg").toString(), Map.of("cors", "1")));
        sources.put(WS, new Source("ws", wss + "frames", Map.of("camera", camera)));
        sources.put(HLS, new Source("hls", server.uri("hls/" + camera + "/index.m3u8").toString(), Map.of()));
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
        JsonArrayBuilder json = Json.createArrayBuilder();
        for (var e : results.entrySet()) {
            JoinRounds r = e.getValue();
            Source s = sources.get(e.getKey());
            List<Double> first = new ArrayList<>(r.firstFrames());
            for (int i = 0; i < firstFrameJoins; i++) {
                double t = probe.join(s.mode(), s.url(), s.options(), Duration.ofSeconds(1), FIRST_FRAME_TIMEOUT).firstFrameMillis();
                if (!Double.isNaN(t)) {
                    first.add(t);
                }
            }
            Distribution all = r.all();
            Distribution firstFrames = Distribution.of(first);
            report.row(e.getKey() + ", glass-to-glass", Report.millis(all));
            report.row(e.getKey() + ", p50 per round", Report.spread(r.p50s(), "ms"));
            report.row(e.getKey() + ", first frame, camera running (" + first.size() + " joins)", Report.millis(firstFrames));
            report.row(e.getKey() + ", frames presented / skipped", r.presented() + " / " + r.skipped());
            if (e.getKey().equals(MSE)) {
                report.row(MSE + ", the player's buffer / delivery (median of its samples)", playerFigure(r, "bufferMs") + " / "
                        + playerFigure(r, "deliveryMs") + " ms; jumps " + playerFigure(r, "jumps") + ", dropped " + playerFigure(r, "dropped"));
                report.row(MSE + ", goals p50 <= 150 ms, p95 <= 250 ms, first frame <= 200 ms",
                        goal(all.count() > 0 && all.p50() <= 150) + ", " + goal(all.count() > 0 && all.p95() <= 250) + ", "
                                + goal(firstFrames.count() > 0 && firstFrames.p50() <= 200));
            }
            json.add(r.toJson("latency", e.getKey()).add("firstFrameMs", LatencyBench.array(first)));
        }
        report.put("latency", json.build());
    }

    /** The median over the joins of the player's own per-join median of that figure. */
    private static String playerFigure(JoinRounds r, String key) {
        List<Double> each = r.joins().stream().map(j -> j.player().get(key)).filter(d -> d != null && d.count() > 0)
                .map(Distribution::p50).toList();
        return each.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", Distribution.of(each).p50());
    }

    // ---- 2. no drift ----

    private void drift(FieldcastServer server, Probe probe, String camera) {
        Probe.Join j = probe.join("mse", mseSocketForPages(server), Map.of("camera", camera, "stream", "main"), drift, FIRST_FRAME_TIMEOUT);
        if (j.presentedAt().isEmpty()) {
            report.row(MSE + ", drift over " + drift.toSeconds() + " s", "no frame presented" + j.errors());
            return;
        }
        double start = j.presentedAt().get(0);
        double end = j.presentedAt().get(j.presentedAt().size() - 1);
        double w = driftWindow.toMillis();
        List<Double> first = new ArrayList<>();
        List<Double> last = new ArrayList<>();
        for (int i = 0; i < j.latencies().size(); i++) {
            double at = j.presentedAt().get(i);
            if (at < start + w) {
                first.add(j.latencies().get(i));
            } else if (at >= end - w) {
                last.add(j.latencies().get(i));
            }
        }
        Distribution a = Distribution.of(first);
        Distribution b = Distribution.of(last);
        String label = MSE + ", one viewer " + Math.round((end - start) / 1000) + " s";
        report.row(label + ": first " + driftWindow.toSeconds() + " s", Report.millis(a));
        report.row(label + ": last " + driftWindow.toSeconds() + " s", Report.millis(b));
        double moved = b.p50() - a.p50();
        report.row(label + ": p50 moved (goal: within 50 ms)", String.format(Locale.ROOT, "%+.0f ms, %s; jumps %s, frames %d / skipped %d",
                moved, goal(Math.abs(moved) <= 50), j.player().containsKey("jumps") ? String.format(Locale.ROOT, "%.0f", j.player().get("jumps").max()) : "-",
                j.frames(), j.skipped()));
        report.put("drift", Json.createObjectBuilder().add("seconds", Report.number((end - start) / 1000))
                .add("windowSeconds", driftWindow.toSeconds()).add("firstMs", a.toJson()).add("lastMs", b.toJson())
                .add("p50MovedMs", Report.number(moved)).add("errors", Json.createArrayBuilder(j.errors())));
    }

    // ---- 3. many viewers of one camera ----

    private void fanout(FieldcastServer server, CameraFarm farm, String camera) throws Exception {
        report.note("fanout: WebSocket over TLS (wss), as browsers; JDK WebSocket clients in the benchmark's JVM, on the same 2 cores; camera bytes counted by one more RTSP"
                + " client of the encoder (ffmpeg -c copy to the H.264 elementary stream) over the same windows");
        // A client's one selector thread reads (and decrypts) all its sockets: four share the crowd.
        List<HttpClient> clients = List.of(HttpClient.newHttpClient(), HttpClient.newHttpClient(), HttpClient.newHttpClient(),
                HttpClient.newHttpClient());
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        List<MseClient> viewers = new ArrayList<>();
        JsonArrayBuilder json = Json.createArrayBuilder();
        long self = ProcessHandle.current().pid();
        try (CameraBitRate cameraBytes = CameraBitRate.start(farm.rtspUrl(0))) {
            double idleCpu = Double.NaN;
            for (int level : viewerLevels) {
                while (viewers.size() < level) {
                    viewers.add(MseClient.open(clients.get(viewers.size() % clients.size()), socketUri(server), camera, "main", pacer));
                    Processes.sleep(20); // a crowd arriving, not one burst
                }
                Processes.sleep(3000); // every new viewer past its keyframe start
                long from = System.currentTimeMillis();
                long cameraFrom = cameraBytes.bytes();
                var cpu = Processes.CpuWindow.open(List.of(server.pid(), self));
                Processes.sleep(window.toMillis());
                double[] used = cpu.percentOfCore();
                long to = System.currentTimeMillis();
                double cameraRate = (cameraBytes.bytes() - cameraFrom) / ((to - from) / 1000.0);
                if (level == 0) {
                    idleCpu = used[0];
                }
                String label = level + " viewers";
                report.row(label + ": server JVM / generator CPU", Report.percent(used[0]) + " / " + Report.percent(used[1]) + " of a core"
                        + (level > 0 && !Double.isNaN(idleCpu) ? String.format(Locale.ROOT, "; per added viewer %.3f %%", (used[0] - idleCpu) / level) : ""));
                report.row(label + ": camera sent", String.format(Locale.ROOT, "%.0f kbit/s (H.264 elementary stream)", cameraRate * 8 / 1000));
                JsonObjectBuilder row = Json.createObjectBuilder().add("viewers", level).add("serverCpuPercent", Report.number(used[0]))
                        .add("generatorCpuPercent", Report.number(used[1])).add("cameraBytesPerSecond", Report.number(cameraRate))
                        .add("loadAverage", Report.loadAverage());
                if (level > 0) {
                    fanoutFigures(label, viewers, from, to, cameraRate, row);
                }
                json.add(row);
            }
        } finally {
            viewers.forEach(MseClient::close);
            pacer.shutdownNow();
        }
        report.put("fanout", json.build());
    }

    private void fanoutFigures(String label, List<MseClient> viewers, long from, long to, double cameraRate, JsonObjectBuilder row) {
        double seconds = (to - from) / 1000.0;
        List<Double> rates = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        List<Set<Long>> stamps = new ArrayList<>();
        for (MseClient v : viewers) {
            List<MseClient.Arrival> in = v.arrivals(from, to);
            rates.add(in.stream().mapToLong(MseClient.Arrival::bytes).sum() / seconds);
            in.stream().filter(a -> !a.init()).forEach(a -> delays.add(a.delayMillis()));
            // Fragments stamped well inside the window: every viewer should have them by its end.
            stamps.add(v.arrivals().stream().filter(a -> !a.init() && a.serverMillis() >= from && a.serverMillis() < to - 1500)
                    .map(MseClient.Arrival::serverMillis).collect(Collectors.toSet()));
        }
        Set<Long> union = new HashSet<>();
        stamps.forEach(union::addAll);
        long complete = stamps.stream().filter(s -> s.size() == union.size()).count();
        long missing = stamps.stream().mapToLong(s -> union.size() - s.size()).sum();
        long dropped = viewers.stream().mapToLong(MseClient::dropped).sum();
        Distribution rate = Distribution.of(rates);
        Distribution delay = Distribution.of(delays);
        if (union.isEmpty()) {
            report.note(label + ": no fragment arrived in the window (the server's log tells why)");
        }
        report.row(label + ": bytes per viewer / camera (goal <= 1.1x)", String.format(Locale.ROOT,
                "%.0f kbit/s (%.0f–%.0f), %.3fx, %s", rate.p50() * 8 / 1000, rate.min() * 8 / 1000, rate.max() * 8 / 1000,
                rate.p50() / cameraRate, goal(delay.count() > 0 && rate.max() / cameraRate <= 1.1)));
        report.row(label + ": delivery delay (arrival - server stamp)", Report.millis(delay) + String.format(Locale.ROOT, ", max %.0f ms", delay.max()));
        report.row(label + ": viewers with every fragment / fragments missed in all / dropped notices",
                complete + " of " + viewers.size() + " (" + union.size() + " fragments each) / " + missing + " / " + dropped);
        long failed = viewers.stream().filter(MseClient::failed).count();
        if (failed > 0) {
            report.note(label + ": " + failed + " viewers had errors, e.g. "
                    + viewers.stream().filter(MseClient::failed).findFirst().map(MseClient::notices).orElse(List.of()));
        }
        row.add("viewerBytesPerSecond", rate.toJson()).add("ratioToCamera", Report.number(rate.p50() / cameraRate))
                .add("deliveryMs", delay.toJson()).add("viewersComplete", complete).add("fragments", union.size())
                .add("fragmentsMissed", missing).add("dropped", dropped);
    }

    private static URI socketUri(FieldcastServer server) {
        return URI.create("wss://127.0.0.1:" + server.baseUri().getPort() + "/ws/mse");
    }

    // ---- 4. a slow viewer ----

    private void slowViewer(FieldcastServer server, String camera) throws Exception {
        Duration pause = Duration.ofMillis(2 * 1000 / FPS); // a message every two frame intervals: half the rate
        HttpClient http = HttpClient.newHttpClient();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        List<MseClient> others = new ArrayList<>();
        MseClient slow = null;
        try {
            for (int i = 0; i < slowOthers; i++) {
                others.add(MseClient.open(http, socketUri(server), camera, "main", pacer));
            }
            slow = MseClient.open(http, socketUri(server), camera, "main", pacer);
            Processes.sleep(3000);
            long before = System.currentTimeMillis();
            Processes.sleep(throttle.toMillis());
            long throttleFrom = System.currentTimeMillis();
            slow.pauseBetweenMessages(pause);
            Processes.sleep(throttle.toMillis());
            slow.pauseBetweenMessages(Duration.ZERO);
            long throttleTo = System.currentTimeMillis();
            Processes.sleep(throttle.toMillis());
            long end = System.currentTimeMillis();
            String label = "slow viewer (" + pause.toMillis() + " ms between reads for " + throttle.toSeconds() + " s, "
                    + slowOthers + " others)";
            List<MseClient.Arrival> during = slow.arrivals(throttleFrom, throttleTo).stream().filter(a -> !a.init()).toList();
            long made = throttle.toSeconds() * FPS;
            Set<Long> got = slow.arrivals().stream().filter(a -> !a.init() && a.serverMillis() >= throttleFrom && a.serverMillis() < throttleTo)
                    .map(MseClient.Arrival::serverMillis).collect(Collectors.toSet());
            double recovery = MseClient.recoveryMillis(slow.arrivals(), throttleTo, end, RECOVERED_UNDER_MS);
            report.row(label + ": fragments read while slow / of the throttle's pictures it ever got / camera made",
                    during.size() + " / " + got.size() + " / " + made + "; dropped notices " + slow.dropped());
            report.row(label + ": its delay while slow", Report.millis(delays(during)));
            report.row(label + ": back under " + (int) RECOVERED_UNDER_MS + " ms after the throttle (goal <= 3 s)",
                    Double.isNaN(recovery) ? "not within " + throttle.toSeconds() + " s" : String.format(Locale.ROOT, "%.0f ms, %s", recovery, goal(recovery <= 3000)));
            report.row(label + ": its delay from 3 s after the throttle", Report.millis(delays(slow.arrivals(throttleTo + 3000, end))));
            Distribution othersBefore = delays(others, before, throttleFrom);
            Distribution othersDuring = delays(others, throttleFrom, throttleTo);
            report.row(label + ": the others' delay, without a slow viewer", Report.millis(othersBefore));
            report.row(label + ": the others' delay, while it is slow", Report.millis(othersDuring));
            report.put("slowViewer", Json.createObjectBuilder().add("pauseMs", pause.toMillis()).add("throttleSeconds", throttle.toSeconds())
                    .add("readWhileSlow", during.size()).add("gotOfThrottle", got.size()).add("cameraMade", made)
                    .add("dropped", slow.dropped()).add("recoveryMs", Report.number(recovery))
                    .add("delayWhileSlowMs", delays(during).toJson()).add("othersBeforeMs", othersBefore.toJson())
                    .add("othersDuringMs", othersDuring.toJson()).add("notices", Json.createArrayBuilder(slow.notices())));
        } finally {
            others.forEach(MseClient::close);
            if (slow != null) {
                slow.close();
            }
            pacer.shutdownNow();
        }
    }

    private static Distribution delays(List<MseClient.Arrival> arrivals) {
        return Distribution.of(arrivals.stream().filter(a -> !a.init()).map(MseClient.Arrival::delayMillis).toList());
    }

    private static Distribution delays(List<MseClient> viewers, long from, long to) {
        return delays(viewers.stream().flatMap(v -> v.arrivals(from, to).stream()).toList());
    }

    // ---- 5. a grid on one socket ----

    private void grid() throws Exception {
        CameraFarm.Plan plan = new CameraFarm.Plan(Math.min(gridEncoders, gridTiles), gridTiles, 1280, 720, FPS, 2000, gridTiles);
        report.note("grid: " + plan.describe() + ", all always on; " + gridTiles + " MSE tiles (320x180) on one /ws/mse socket,"
                + " stream '" + gridStream + "' asked (the main stream where a camera has no sub stream); "
                + gridSettle.toSeconds() + " s settling, then " + gridMeasure.toSeconds() + " s measured");
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("mse-grid").resolve("farm"));
             BenchSite site = BenchSite.start();
             FieldcastServer server = ServerUnderTest.boot(withSubstreams(farm), ServerUnderTest.allowingPagesOf(site))) {
            for (String camera : farm.cameraIds()) {
                if (!ServerUnderTest.awaitState(server, camera, "LIVE", Duration.ofSeconds(60))) {
                    throw new IllegalStateException(camera + " is not live: " + server.logTail(40));
                }
            }
            if (!mseAvailable(server, farm.cameraIds().get(0))) {
                report.row("grid", "not available: this build has no /ws/mse");
                return;
            }
            try (Chromium chromium = Chromium.start()) {
                GridPage page = GridPage.openMse(chromium, site, URI.create(mseSocketForPages(server)),
                        farm.cameraIds(), gridStream);
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (!page.allPlaying() && System.nanoTime() < deadline) {
                    Processes.sleep(500);
                    page.poll();
                }
                Processes.sleep(gridSettle.toMillis());
                page.record();
                List<Long> browser = BrowserProcesses.pids();
                List<Long> pids = new ArrayList<>(List.of(server.pid()));
                pids.addAll(browser);
                var cpu = Processes.CpuWindow.open(pids);
                int connections = 0;
                long end = System.nanoTime() + gridMeasure.toNanos();
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
                gridFigures(page, used[0], browserCpu, browser.size(), connections);
            }
        }
    }

    private void gridFigures(GridPage page, double serverCpu, double browserCpu, int browserProcesses, int connections) {
        String label = gridTiles + " MSE tiles";
        List<GridPage.Tile> tiles = page.tiles();
        List<Distribution> each = tiles.stream().map(t -> Distribution.of(t.latencies())).toList();
        List<Double> p50s = each.stream().filter(d -> d.count() > 0).map(Distribution::p50).toList();
        Distribution ofP50s = Distribution.of(p50s);
        long silent = each.stream().filter(d -> d.count() == 0).count();
        Map<String, Long> sizes = tiles.stream().collect(Collectors.groupingBy(t -> t.size().isEmpty() ? "no picture" : t.size(),
                java.util.TreeMap::new, Collectors.counting()));
        report.row(label + ": pictures played (tiles)", sizes.toString() + (gridStream.equals("sub") && !sizes.containsKey("640x360")
                ? ": the cameras have no sub stream in this build, so the tiles play the main streams" : ""));
        report.row(label + ": tile p50 (each, ms)", each.stream().map(d -> d.count() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", d.p50()))
                .collect(Collectors.joining(" ")));
        report.row(label + ": median of tile p50s / worst tile p50 (goal: every tile <= 300 ms)", String.format(Locale.ROOT,
                "%.0f ms / %.0f ms, %s%s", ofP50s.p50(), ofP50s.max(), goal(silent == 0 && !p50s.isEmpty() && ofP50s.max() <= 300),
                silent > 0 ? " (" + silent + " tiles showed no frame while measured)" : ""));
        report.row(label + ": first frame per tile (ms)", tiles.stream().map(t -> Double.isNaN(t.firstFrameMillis()) ? "-"
                : String.format(Locale.ROOT, "%.0f", t.firstFrameMillis())).collect(Collectors.joining(" ")));
        report.row(label + ": frames presented / skipped while measured", tiles.stream().mapToLong(GridPage.Tile::frames).sum()
                + " / " + tiles.stream().mapToLong(GridPage.Tile::skipped).sum() + " (the cameras made "
                + Math.round(FPS * gridMeasure.toSeconds() * gridTiles) + ")");
        report.row(label + ": CPU, browser (" + browserProcesses + " processes) / server JVM",
                Report.percent(browserCpu) + " / " + Report.percent(serverCpu) + " of a core; TCP connections to Fieldcast " + connections);
        if (!page.errors().isEmpty()) {
            report.note(label + ": page errors: " + page.errors().stream().distinct().limit(5).collect(Collectors.joining("; ")));
        }
        JsonArrayBuilder tileJson = Json.createArrayBuilder();
        for (int i = 0; i < tiles.size(); i++) {
            GridPage.Tile t = tiles.get(i);
            tileJson.add(Json.createObjectBuilder().add("latencyMs", each.get(i).toJson()).add("size", t.size())
                    .add("firstFrameMs", Report.number(t.firstFrameMillis())).add("frames", t.frames()).add("skipped", t.skipped())
                    .add("playerLatencySeconds", Distribution.of(t.playerLatencies()).toJson()).add("playerState", t.state()));
        }
        report.put("grid", Json.createObjectBuilder().add("tiles", tileJson).add("medianOfTileP50Ms", Report.number(ofP50s.p50()))
                .add("browserCpuPercent", Report.number(browserCpu)).add("serverCpuPercent", Report.number(serverCpu))
                .add("connections", connections).add("loadAverage", Report.loadAverage()));
    }

    /** The farm, its station file giving every camera {@code --grid-substream-path} when one is set. */
    private CameraFarm withSubstreams(CameraFarm farm) throws java.io.IOException {
        if (gridSubstreamPath.isEmpty()) {
            return farm;
        }
        jakarta.json.JsonObject stations;
        try (var in = Json.createReader(java.nio.file.Files.newBufferedReader(farm.stationFile()))) {
            stations = in.readObject();
        }
        var site = stations.getJsonArray("sites").getJsonObject(0);
        JsonArrayBuilder cameras = Json.createArrayBuilder();
        site.getJsonArray("cameras").forEach(c -> cameras.add(Json.createObjectBuilder(c.asJsonObject()).add("substreamPath", gridSubstreamPath)));
        java.nio.file.Files.writeString(farm.stationFile(), Json.createObjectBuilder().add("sites", Json.createArrayBuilder()
                .add(Json.createObjectBuilder(site).add("cameras", cameras))).build().toString());
        report.note("grid: every camera's substreamPath is " + gridSubstreamPath);
        return farm;
    }

    // ----

    /**
     * The socket's address as the pages give it to {@code MseSocket}, which makes {@code wss:} of an
     * {@code https:} address (it turns any other scheme, {@code wss:} too, into {@code ws:}).
     */
    private static String mseSocketForPages(FieldcastServer server) {
        return server.uri("ws/mse").toString();
    }

    /** True when the server has {@code /ws/mse} and sends a fragment of the camera within 15 s. */
    private boolean mseAvailable(FieldcastServer server, String camera) {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (MseClient probe = MseClient.open(HttpClient.newHttpClient(), socketUri(server), camera, "main", pacer)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                if (probe.arrivals().stream().anyMatch(a -> !a.init())) {
                    return true;
                }
                Processes.sleep(200);
            }
            report.note("/ws/mse sent no fragment in 15 s; notices: " + probe.notices());
            return false;
        } catch (Exception e) {
            report.note("/ws/mse: " + e);
            return false;
        } finally {
            pacer.shutdownNow();
        }
    }

    private static String goal(boolean met) {
        return met ? "met" : "not met";
    }
}
