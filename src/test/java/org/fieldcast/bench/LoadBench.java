package org.fieldcast.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.fieldcast.testing.FieldcastServer;
/**
 * Hundreds of LL-HLS viewers on one camera: how long after a part completes does each viewer have it?
 * "Completes" is approximated by the first viewer's arrival of that part, over all viewers of the run
 * (the server publishes a part and answers every held request at once; the first answer is the
 * earliest anyone can see it).
 * <p>
 * {@code --transport h1} (the default): HTTP/1.1 viewers, one keep-alive connection each, through the
 * plain port a TLS-terminating proxy on loopback would use. {@code h2}: viewers over HTTPS with HTTP/2,
 * several multiplexed per connection as browsers do. {@code both}: the two crowds in the same run, each
 * measured against the same first arrival.
 * <p>
 * {@code --auth both}: the HTTP/1.1 viewers split in two crowds on the same server, in the same run:
 * half logged in (a session cookie, {@code --sessions} logins shared out among them, as operators'
 * dashboards with several tiles each), half anonymous (the server's anonymous role is viewer, so they
 * carry no credential). The difference is what checking a login costs a part request.
 */
final class LoadBench {
    private static final String H1 = "HTTP/1.1 (trusted proxy)";
    private static final String H2 = "HTTP/2 over TLS";
    private static final String LOGGED_IN = "HTTP/1.1 logged in (session cookie)";
    private static final String ANONYMOUS = "HTTP/1.1 anonymous (no credential)";

    private final Report report = new Report("load");
    private final String transport;
    private final int clients;
    private final int h2Connections;
    private final int h2PerConnection;
    private final Duration play;
    private final boolean auth;
    private final int sessions;

    LoadBench(Options o) {
        transport = o.text("transport", "h1");
        clients = transport.equals("h2") ? 0 : o.integer("clients", 500); // HTTP/1.1 viewers
        h2Connections = transport.equals("h1") ? 0 : o.integer("h2-connections", 50);
        h2PerConnection = o.integer("h2-per-connection", 10);
        play = o.seconds("play", 45);
        auth = o.text("auth", "none").equals("both");
        sessions = o.integer("sessions", 25);
    }

    Path run() throws Exception {
        CameraFarm.Plan plan = CameraFarm.Plan.of(1, 1280, 720).alwaysOn(1);
        int h2Viewers = h2Connections * h2PerConnection;
        int all = clients + h2Viewers;
        report.note("camera: " + plan.describe() + "; " + clients + " HTTP/1.1 viewers (LoopbackHttp, a connection each) and "
                + h2Viewers + " HTTP/2 viewers (JDK HttpClient, " + h2Connections + " TLS connections x " + h2PerConnection
                + "); blocking reload, then each new part; started 10 ms apart, on the same machine as the server");
        Map<String, ConcurrentMap<Long, List<Long>>> arrivals = Map.of(H1, new ConcurrentHashMap<>(), H2, new ConcurrentHashMap<>(),
                LOGGED_IN, new ConcurrentHashMap<>(), ANONYMOUS, new ConcurrentHashMap<>());
        Map<String, String> settings = new HashMap<>(ServerUnderTest.behindLoopbackProxy());
        if (auth) {
            settings.put("FIELDCAST_ACCESS_ANONYMOUS_ROLE", "viewer");
            report.note("--auth both: viewer i is logged in when i is even (one of " + sessions + " sessions), anonymous when odd");
        }
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("load").resolve("farm"));
             FieldcastServer server = ServerUnderTest.boot(farm, settings);
             Http2Clients h2 = new Http2Clients(h2Connections, h2PerConnection);
             Viewers http1 = new Viewers(2);
             Viewers http2 = Viewers.overHttp2(h2)) {
            String camera = farm.cameraIds().get(0);
            ServerUnderTest.awaitState(server, camera, "LIVE", Duration.ofSeconds(30));
            if (h2Connections > 0) {
                long negotiated = h2.http2Connections(server.uri("hls/" + camera + "/index.m3u8"));
                report.row("HTTP/2 connections (ALPN h2) / opened", negotiated + " / " + h2Connections);
            }
            long measureFrom = System.nanoTime() + Duration.ofMillis(10L * all).plusSeconds(5).toNanos();
            long until = measureFrom + play.toNanos();
            List<String> cookies = new ArrayList<>();
            for (int s = 0; auth && s < sessions; s++) {
                cookies.add(server.loginAsAdmin().cookie());
            }
            http1.start(clients, Duration.ofMillis(10), i -> ServerUnderTest.viaProxy(server, "hls/" + camera + "/stream.m3u8"),
                    i -> auth && i % 2 == 0 ? "Cookie: " + cookies.get(i / 2 % sessions) + "\r\n" : "",
                    i -> recorder(arrivals.get(!auth ? H1 : i % 2 == 0 ? LOGGED_IN : ANONYMOUS), measureFrom), until);
            http2.start(h2Viewers, Duration.ofMillis(10), i -> server.uri("hls/" + camera + "/stream.m3u8"),
                    i -> recorder(arrivals.get(H2), measureFrom), until);
            Processes.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            long self = ProcessHandle.current().pid();
            var cpu = Processes.CpuWindow.open(List.of(server.pid(), self));
            Map<String, Double> threadsBefore = Processes.threadCpuSeconds(self);
            double[] schedBefore = Processes.runAndWaitSeconds(server.pid());
            long schedFrom = System.nanoTime();
            Processes.sleep(play.toMillis() - 5000);
            double[] used = cpu.percentOfCore();
            double wall = (System.nanoTime() - schedFrom) / 1e9;
            Map<String, Double> threadsAfter = Processes.threadCpuSeconds(self);
            double[] schedAfter = Processes.runAndWaitSeconds(server.pid());
            String starved = String.format(Locale.ROOT, "running %.2f cores, waiting for a CPU %.2f thread-s per s",
                    (schedAfter[0] - schedBefore[0]) / wall, (schedAfter[1] - schedBefore[1]) / wall);
            LlHlsClient.Outcome seen1 = http1.await();
            LlHlsClient.Outcome seen2 = http2.await();
            Map<Long, Long> first = firstArrivals(arrivals);
            if (auth) {
                // Both halves' outcomes are summed in seen1: the split is by arrivals only.
                crowd(LOGGED_IN, (clients + 1) / 2, arrivals.get(LOGGED_IN), first, seen1);
                crowd(ANONYMOUS, clients / 2, arrivals.get(ANONYMOUS), first, seen1);
            }
            for (String crowd : List.of(H1, H2)) {
                int viewers = crowd.equals(H1) ? (auth ? 0 : clients) : h2Viewers;
                if (viewers > 0) {
                    crowd(crowd, viewers, arrivals.get(crowd), first, crowd.equals(H1) ? seen1 : seen2);
                }
            }
            if (h2Viewers > 0) {
                report.row(H2 + ": requests unanswered within " + Http2Clients.TIMEOUT.toSeconds() + " s (stalls)",
                        Long.toString(h2.timeouts()));
            }
            report.row("server JVM CPU", Report.percent(used[0]) + " of a core");
            report.row("server JVM threads (scheduler)", starved);
            report.row("load generator CPU (the viewers' JVM)", Report.percent(used[1]) + " of a core");
            report.row("  of which HTTP/1.1 viewers / HTTP/2 viewers (their threads)",
                    Report.percent(threads(threadsBefore, threadsAfter, wall, "viewers-")) + " / "
                            + Report.percent(threads(threadsBefore, threadsAfter, wall, "HttpClient-", "h#-viewers")));
            report.put("jvmPercent", Report.number(used[0]));
            report.put("generatorPercent", Report.number(used[1]));
        }
        return report.finish();
    }

    private static LlHlsClient.Arrivals recorder(ConcurrentMap<Long, List<Long>> arrivals, long measureFrom) {
        return (msn, part, nanos, epoch, partEnd, bytes) -> {
            if (nanos > measureFrom) {
                arrivals.computeIfAbsent(msn * 1000 + part, k -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
            }
        };
    }

    /** Per part, the earliest arrival at any viewer of either crowd: when the part was there to have. */
    private static Map<Long, Long> firstArrivals(Map<String, ConcurrentMap<Long, List<Long>>> arrivals) {
        Map<Long, Long> first = new HashMap<>();
        arrivals.values().forEach(crowd -> crowd.forEach((part, times) -> {
            synchronized (times) {
                times.stream().min(Long::compare).ifPresent(t -> first.merge(part, t, Math::min));
            }
        }));
        return first;
    }

    private void crowd(String name, int viewers, Map<Long, List<Long>> arrivals, Map<Long, Long> first, LlHlsClient.Outcome seen) {
        List<Double> delivery = new ArrayList<>();
        List<Double> spread = new ArrayList<>();
        List<Double> receivers = new ArrayList<>();
        arrivals.forEach((part, times) -> {
            List<Long> t = new ArrayList<>(times);
            Collections.sort(t);
            receivers.add((double) t.size());
            if (t.size() < viewers / 2) {
                return; // a part at the edge of the window, seen by few
            }
            long reference = first.get(part);
            for (long arrived : t) {
                if (arrived != reference) {
                    delivery.add((arrived - reference) / 1e6);
                }
            }
            spread.add((t.get(t.size() - 1) - t.get(0)) / 1e6);
        });
        Distribution d = Distribution.of(delivery);
        report.row(name + ": delivery after the part completes (first viewer's arrival)",
                Report.millis(d) + String.format(Locale.ROOT, ", max %.0f ms", d.max()));
        report.row(name + ": first to last viewer, per part", Report.millis(Distribution.of(spread)));
        report.row(name + ": viewers per part (median)", String.format(Locale.ROOT, "%.0f of %d", Distribution.of(receivers).p50(), viewers));
        report.row(name + ": parts fetched / lost / errors", seen.parts() + " / " + seen.lostParts() + " / " + seen.errors()
                + (seen.lastError().isEmpty() ? "" : " (last: " + seen.lastError() + ")"));
        report.put(name.equals(LOGGED_IN) ? "deliveryLoggedInMs" : name.equals(ANONYMOUS) ? "deliveryAnonymousMs"
                : name.startsWith("HTTP/1") ? "deliveryMs" : "deliveryHttp2Ms", d.toJson());
    }

    /** CPU of this JVM's threads whose names start so, in percent of a core over the window. */
    private static double threads(Map<String, Double> before, Map<String, Double> after, double wall, String... prefixes) {
        double seconds = 0;
        for (var e : after.entrySet()) {
            for (String prefix : prefixes) {
                if (e.getKey().startsWith(prefix)) {
                    seconds += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
                }
            }
        }
        return seconds / wall * 100;
    }
}
