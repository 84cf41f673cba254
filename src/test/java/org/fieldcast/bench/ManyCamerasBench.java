package org.fieldcast.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.fieldcast.testing.FieldcastServer;
/**
 * Many cameras at once, one Java LL-HLS viewer each: does every viewer get every part, and how late?
 * Encoders do not fit on a 2-core machine beside 100 pulls, so small pictures from a few shared
 * encoders (Fieldcast still opens one RTSP session and one ffmpeg per station camera).
 */
final class ManyCamerasBench {
    private final Report report = new Report("cameras");
    private final int cameras;
    private final int encoders;
    private final Duration play;

    ManyCamerasBench(Options o) {
        cameras = o.integer("cameras", 100);
        encoders = o.integer("encoders", 10);
        play = o.seconds("play", 60);
    }

    Path run() throws Exception {
        CameraFarm.Plan plan = CameraFarm.Plan.of(cameras, 320, 180).sharing(encoders).bitrate(500);
        report.note("cameras: " + plan.describe() + "; one Java LL-HLS viewer per camera, started 100 ms apart");
        List<Double> waits = Collections.synchronizedList(new ArrayList<>());
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("cameras").resolve("farm"));
             FieldcastServer server = ServerUnderTest.boot(farm, ServerUnderTest.behindLoopbackProxy());
             Viewers viewers = new Viewers(2)) {
            long heapIdle = Processes.heapAfterGc(server.pid());
            long rampNanos = Duration.ofMillis(100L * cameras).plusSeconds(10).toNanos();
            long measureFrom = System.nanoTime() + rampNanos;
            long until = measureFrom + play.toNanos();
            long[] lastArrival = new long[cameras];
            viewers.start(cameras, Duration.ofMillis(100), i -> ServerUnderTest.viaProxy(server, "hls/" + farm.cameraIds().get(i) + "/stream.m3u8"),
                    i -> (msn, part, nanos, epoch, partEnd, bytes) -> {
                        // One viewer's parts arrive one after another, so its slot needs no lock.
                        if (nanos > measureFrom && lastArrival[i] > 0) {
                            waits.add((nanos - lastArrival[i]) / 1e6);
                        }
                        lastArrival[i] = nanos;
                    }, until);
            Processes.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            long live = farm.cameraIds().stream().filter(id -> ServerUnderTest.state(server, id).equals("LIVE")).count();
            List<Long> pulls = server.ffmpegProcesses().stream().map(ProcessHandle::pid).toList();
            List<Long> pids = new ArrayList<>(pulls);
            pids.add(0, server.pid());
            var cpu = Processes.CpuWindow.open(pids);
            double[] schedBefore = Processes.runAndWaitSeconds(server.pid());
            long schedFrom = System.nanoTime();
            Processes.sleep(play.toMillis() / 2);
            double[] p = cpu.percentOfCore();
            double[] schedAfter = Processes.runAndWaitSeconds(server.pid());
            double schedWall = (System.nanoTime() - schedFrom) / 1e9;
            String starved = String.format(java.util.Locale.ROOT, "running %.2f cores, waiting for a CPU %.2f thread-s per s",
                    (schedAfter[0] - schedBefore[0]) / schedWall, (schedAfter[1] - schedBefore[1]) / schedWall);
            long heapActive = Processes.heapAfterGc(server.pid());
            LlHlsClient.Outcome seen = viewers.await();
            long clean = viewers.each().stream().filter(o -> o.lostParts() == 0 && o.errors() == 0).count();
            double pullSum = Arrays.stream(p, 1, p.length).filter(x -> !Double.isNaN(x)).sum();
            report.row("cameras LIVE / ffmpeg pulls", live + " / " + pulls.size() + " of " + cameras);
            report.row("parts fetched / lost / errors / date-time gaps",
                    seen.parts() + " / " + seen.lostParts() + " / " + seen.errors() + " / " + seen.dateTimeGaps()
                            + (seen.lastError().isEmpty() ? "" : " (last: " + seen.lastError() + ")"));
            report.row("viewers that lost nothing", clean + " of " + cameras);
            report.row("time between a viewer's consecutive parts (0.2 s parts)", Report.millis(Distribution.of(waits))
                    + String.format(Locale.ROOT, ", max %.0f ms", Distribution.of(waits).max()));
            report.row("CPU: JVM / all pulls / per pull", String.format(Locale.ROOT, "%.0f %% / %.0f %% / %.2f %% of a core",
                    p[0], pullSum, pullSum / Math.max(1, pulls.size())));
            report.row("server JVM threads (scheduler)", starved);
            report.row("JVM live heap per active camera", String.format(Locale.ROOT, "%.2f MB (idle %.0f MB, active %.0f MB)",
                    (heapActive - heapIdle) / 1e6 / cameras, heapIdle / 1e6, heapActive / 1e6));
            report.put("partIntervalMs", Distribution.of(waits).toJson());
            report.put("partsFetched", jakarta.json.Json.createValue(seen.parts()));
            report.put("partsLost", jakarta.json.Json.createValue(seen.lostParts()));
            report.put("errors", jakarta.json.Json.createValue(seen.errors()));
            report.put("dateTimeGaps", jakarta.json.Json.createValue(seen.dateTimeGaps()));
            report.put("jvmPercent", Report.number(p[0]));
            report.put("pullsPercent", Report.number(pullSum));
        }
        return report.finish();
    }
}
