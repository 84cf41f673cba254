package org.fieldcast.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.fieldcast.testing.FieldcastServer;

/**
 * Hundreds of LL-HLS viewers on one camera: how long after a part completes does each viewer have it?
 * "Completes" is approximated by the first viewer's arrival of that part (the server publishes a
 * part and answers every held request at once; the first answer is the earliest anyone can see it).
 */
final class LoadBench {
    private final Report report = new Report("load");
    private final int clients;
    private final Duration play;

    LoadBench(Options o) {
        clients = o.integer("clients", 500);
        play = o.seconds("play", 45);
    }

    Path run() throws Exception {
        CameraFarm.Plan plan = CameraFarm.Plan.of(1, 1280, 720).alwaysOn(1);
        report.note("camera: " + plan.describe() + "; " + clients + " Java viewers (blocking reload, then each new part),"
                + " started 10 ms apart, on the same machine as the server");
        ConcurrentMap<Long, List<Long>> arrivals = new ConcurrentHashMap<>();
        List<Double> lag = Collections.synchronizedList(new ArrayList<>());
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("load").resolve("farm"));
             FieldcastServer server = ServerUnderTest.boot(farm, ServerUnderTest.behindLoopbackProxy());
             Viewers viewers = new Viewers(2)) {
            String camera = farm.cameraIds().get(0);
            ServerUnderTest.awaitState(server, camera, "LIVE", Duration.ofSeconds(30));
            long measureFrom = System.nanoTime() + Duration.ofMillis(10L * clients).plusSeconds(5).toNanos();
            long until = measureFrom + play.toNanos();
            viewers.start(clients, Duration.ofMillis(10), i -> ServerUnderTest.viaProxy(server, "hls/" + camera + "/stream.m3u8"),
                    i -> (msn, part, nanos, epoch, partEnd, bytes) -> {
                        if (nanos > measureFrom) {
                            arrivals.computeIfAbsent(msn * 1000 + part, k -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
                            lag.add(epoch - partEnd);
                        }
                    }, until);
            Processes.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            var cpu = Processes.CpuWindow.open(List.of(server.pid(), ProcessHandle.current().pid()));
            double[] schedBefore = Processes.runAndWaitSeconds(server.pid());
            long schedFrom = System.nanoTime();
            Processes.sleep(play.toMillis() - 5000);
            double[] used = cpu.percentOfCore();
            double jvm = used[0];
            double generator = used[1];
            double[] schedAfter = Processes.runAndWaitSeconds(server.pid());
            double schedWall = (System.nanoTime() - schedFrom) / 1e9;
            String starved = String.format(java.util.Locale.ROOT, "running %.2f cores, waiting for a CPU %.2f thread-s per s",
                    (schedAfter[0] - schedBefore[0]) / schedWall, (schedAfter[1] - schedBefore[1]) / schedWall);
            LlHlsClient.Outcome seen = viewers.await();
            List<Double> delivery = new ArrayList<>();
            List<Double> spread = new ArrayList<>();
            List<Double> receivers = new ArrayList<>();
            for (List<Long> times : arrivals.values()) {
                List<Long> t = new ArrayList<>(times);
                Collections.sort(t);
                receivers.add((double) t.size());
                if (t.size() < clients / 2) {
                    continue; // a part at the edge of the window, seen by few
                }
                for (int i = 1; i < t.size(); i++) {
                    delivery.add((t.get(i) - t.get(0)) / 1e6);
                }
                spread.add((t.get(t.size() - 1) - t.get(0)) / 1e6);
            }
            Distribution d = Distribution.of(delivery);
            report.row("delivery after the part completes (first viewer's arrival)", Report.millis(d) + String.format(Locale.ROOT, ", max %.0f ms", d.max()));
            report.row("first to last viewer, per part", Report.millis(Distribution.of(spread)));
            report.row("viewers per part (median)", String.format(Locale.ROOT, "%.0f of %d", Distribution.of(receivers).p50(), clients));
            report.row("parts fetched / lost / errors", seen.parts() + " / " + seen.lostParts() + " / " + seen.errors()
                    + (seen.lastError().isEmpty() ? "" : " (last: " + seen.lastError() + ")"));
            report.row("server JVM CPU", Report.percent(jvm) + " of a core");
            report.row("server JVM threads (scheduler)", starved);
            report.row("load generator CPU (the viewers' JVM)", Report.percent(generator) + " of a core");
            report.put("deliveryMs", d.toJson());
            report.put("spreadMs", Distribution.of(spread).toJson());
            // Arrival after the part's program date-time: kept as raw detail only, as it also holds the drift of
            // a simulated encoder that falls behind real time on a busy machine.
            report.put("arrivalAfterProgramDateTimeMs", Distribution.of(lag).toJson());
            report.put("jvmPercent", Report.number(jvm));
            report.put("generatorPercent", Report.number(generator));
        }
        return report.finish();
    }
}
