package org.fieldcast.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fieldcast.testing.FieldcastServer;
/**
 * What one camera costs Fieldcast for copy remux at 1280x720, 25 fps, 2 Mbit/s: CPU of its pull ffmpeg
 * and of the JVM (its CPU over idle, per camera), and live heap per active camera. The cameras run
 * in their own JVM, so their encoders are not counted. Two phases: remux alone (a plain playlist
 * request every 5 s keeps each pull running), then with one Java LL-HLS viewer per camera.
 */
final class CostBench {
    private final Report report = new Report("cost");
    private final int cameras;
    private final int encoders;
    private final Duration window;
    private final int windows;

    CostBench(Options o) {
        // Many cameras, so that the JVM's idle noise (about 1 % of a core, measured once) divides down; their
        // pictures come from a few shared encoders, as what a pull costs depends on its bit rate, not its source.
        cameras = o.integer("cost-cameras", 12);
        encoders = o.integer("cost-encoders", 3);
        window = o.seconds("window", 15);
        windows = o.integer("windows", 3);
    }

    Path run() throws Exception {
        CameraFarm.Plan plan = CameraFarm.Plan.of(cameras, 1280, 720).sharing(encoders);
        report.note("cameras: " + plan.describe() + "; CPU from /proc in % of one core, per camera; JVM figures are"
                + " its CPU over idle divided by the cameras");
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("cost").resolve("farm"));
             FieldcastServer server = ServerUnderTest.boot(farm, ServerUnderTest.behindLoopbackProxy());
             Viewers viewers = new Viewers(1)) {
            Processes.sleep(10_000); // boot work (class loading, JIT) settles
            long heapIdle = Processes.heapAfterGc(server.pid());
            var idle = Processes.CpuWindow.open(List.of(server.pid()));
            double idleCompilerFrom = compilerSeconds(server.pid());
            Processes.sleep(window.toMillis());
            double jvmIdle = idle.percentOfCore()[0];
            double jvmIdleWithoutJit = jvmIdle - (compilerSeconds(server.pid()) - idleCompilerFrom) / (window.toMillis() / 1000.0) * 100;
            report.row("JVM idle, no camera running", Report.percent(jvmIdle) + " of a core");

            keepAlive.scheduleWithFixedDelay(() -> farm.cameraIds().forEach(id -> ping(server, id)), 0, 5, TimeUnit.SECONDS);
            farm.cameraIds().forEach(id -> ServerUnderTest.awaitState(server, id, "LIVE", Duration.ofSeconds(20)));
            Processes.sleep(2 * window.toMillis()); // the pulls' start-up and the JIT's first compiles are not the steady state
            long heapActive = Processes.heapAfterGc(server.pid());
            phase(server, "remux only", jvmIdle, jvmIdleWithoutJit);

            long until = System.nanoTime() + window.multipliedBy(windows + 2).toNanos();
            viewers.start(cameras, Duration.ofMillis(200),
                    i -> ServerUnderTest.viaProxy(server, "hls/" + farm.cameraIds().get(i) + "/stream.m3u8"), i -> (m, p, n, e, end, b) -> { }, until);
            Processes.sleep(2 * window.toMillis());
            phase(server, "with one LL-HLS viewer", jvmIdle, jvmIdleWithoutJit);
            LlHlsClient.Outcome seen = viewers.await();

            report.row("JVM live heap per active camera", String.format(Locale.ROOT, "%.1f MB (idle %.0f MB, %d cameras %.0f MB)",
                    (heapActive - heapIdle) / 1e6 / cameras, heapIdle / 1e6, cameras, heapActive / 1e6));
            report.row("viewers: parts fetched / lost / errors", seen.parts() + " / " + seen.lostParts() + " / " + seen.errors()
                    + (seen.lastError().isEmpty() ? "" : " (" + seen.lastError() + ")"));
            report.put("heapIdleBytes", jakarta.json.Json.createValue(heapIdle));
            report.put("heapActiveBytes", jakarta.json.Json.createValue(heapActive));
        } finally {
            keepAlive.shutdownNow();
        }
        return report.finish();
    }

    /**
     * CPU over a few windows: each pull, the JVM over idle, and the JVM's busiest threads. Also without
     * the JIT compiler's threads: compiling is a one-off of the first minutes, yet on a short run it can
     * be a third of the JVM's figure.
     */
    private void phase(FieldcastServer server, String name, double jvmIdle, double jvmIdleWithoutJit) {
        List<Long> pulls = server.ffmpegProcesses().stream().map(ProcessHandle::pid).toList();
        List<Double> jvm = new ArrayList<>();
        List<Double> ffmpeg = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        List<Double> totalWithoutJit = new ArrayList<>();
        Map<String, Double> threadsBefore = Processes.threadCpuSeconds(server.pid());
        long start = System.nanoTime();
        for (int w = 0; w < windows; w++) {
            List<Long> pids = new ArrayList<>(pulls);
            pids.add(0, server.pid());
            var cpu = Processes.CpuWindow.open(pids);
            double compilerFrom = compilerSeconds(server.pid());
            Processes.sleep(window.toMillis());
            double[] p = cpu.percentOfCore();
            double compiler = (compilerSeconds(server.pid()) - compilerFrom) / (window.toMillis() / 1000.0) * 100;
            double perPull = Arrays.stream(p, 1, p.length).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
            jvm.add((p[0] - jvmIdle) / cameras);
            ffmpeg.add(perPull);
            total.add(jvm.get(w) + perPull);
            totalWithoutJit.add((p[0] - compiler - jvmIdleWithoutJit) / cameras + perPull);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, Double> threadsAfter = Processes.threadCpuSeconds(server.pid());
        String busiest = threadsAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0.0)) / wall * 100))
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(6)
                .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), e.getValue())).reduce((a, b) -> a + ", " + b).orElse("");
        report.row(name + ": pull ffmpeg CPU per camera (" + pulls.size() + " pulls)", percentSpread(ffmpeg));
        report.row(name + ": JVM CPU per camera", percentSpread(jvm));
        report.row(name + ": ffmpeg + JVM CPU per camera", percentSpread(total));
        report.row(name + ": ffmpeg + JVM CPU per camera, JIT compiler excluded", percentSpread(totalWithoutJit));
        report.row(name + ": busiest JVM threads (all cameras)", busiest);
        report.put(name.replace(' ', '-') + "-jvmPercentPerCamera", LatencyBench.array(jvm).build());
        report.put(name.replace(' ', '-') + "-ffmpegPercentPerCamera", LatencyBench.array(ffmpeg).build());
        report.put(name.replace(' ', '-') + "-totalWithoutJitPercentPerCamera", LatencyBench.array(totalWithoutJit).build());
    }

    /** CPU seconds of the JVM's JIT compiler threads so far. */
    private static double compilerSeconds(long pid) {
        return Processes.threadCpuSeconds(pid).entrySet().stream()
                .filter(e -> e.getKey().contains("CompilerThre")).mapToDouble(Map.Entry::getValue).sum();
    }

    private static void ping(FieldcastServer server, String camera) {
        try {
            server.get("hls/" + camera + "/stream.m3u8");
        } catch (IOException e) {
            // the next ping tries again
        }
    }

    /** "0.85 % of a core (0.80–0.90 over 3 windows)" */
    static String percentSpread(List<Double> values) {
        Distribution d = Distribution.of(values);
        return String.format(Locale.ROOT, "%.2f %% of a core (%.2f–%.2f over %d windows)", d.p50(), d.min(), d.max(), d.count());
    }
}
