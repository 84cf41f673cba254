package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.TestDatabase;

/**
 * Three real nodes on loopback on one PostgreSQL database, one camera, LL-HLS viewers on every node:
 * <ol>
 * <li>glass-to-glass through a follower (a node serving the owner's relay) beside the owner, both played at
 * the same moment by two headless Chromiums (LL-HLS with our player; then {@code /ws/mse}), the two
 * browsers swapping sources every round;</li>
 * <li>the relay's CPU: owner and follower processes with the camera followed or not, and per added viewer
 * on the follower beside the same on the owner;</li>
 * <li>fail-over: SIGKILL of the owner, time to the next part at the viewer of every other node, the
 * killed node restarted and back in before the next kill.</li>
 * </ol>
 * The camera is not always-on, so it is pulled because viewers want it, as in a control room.
 */
final class ClusterBench {
    private static final Duration FIRST_FRAME_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(60);
    private static final int NODES = 3;
    /** Logged by a survivor when Hazelcast drops the dead member (its heartbeat timeout). */
    private static final String MEMBER_DROPPED = "Data Grid Instance Removed";

    /** The cluster check's data in {@code /health/ready}; a number, or a string with one. */
    private static final Pattern MEMBERS = Pattern.compile("\"members\":\\s*\"?(\\d+)");
    private static final HttpClient PROBE_HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final Report report = new Report("cluster");
    private final int kills;
    private final int rounds;
    private final int joins;
    private final Duration play;
    private final Duration cpuWindow;
    private final int addedViewers;
    private final int width;
    private final int height;
    private final int kbps;
    private final List<String> parts;

    private final List<FieldcastServer> nodes = new ArrayList<>();
    /** Per node index, the Java viewers on it. */
    private final Map<Integer, List<ClusterViewer>> viewers = new HashMap<>();
    private String camera;

    ClusterBench(Options o) {
        kills = o.integer("kills", 5);
        rounds = o.integer("rounds", 2); // per round each browser plays each source once
        joins = o.integer("joins", 2); // fresh joins per source and round
        play = o.seconds("seconds", 10);
        cpuWindow = o.seconds("cpu-seconds", 30);
        addedViewers = o.integer("added-viewers", 10);
        String[] size = o.text("size", "1280x720").split("x");
        width = Integer.parseInt(size[0]);
        height = Integer.parseInt(size[1]);
        kbps = o.integer("kbps", 2000);
        parts = List.of(o.text("parts", "latency,cost,failover").split(","));
    }

    Path run() throws Exception {
        Path work = Benchmarks.workDir("cluster");
        CameraFarm.Plan plan = new CameraFarm.Plan(1, 1, width, height, 25, kbps, 0);
        report.note("cameras: " + plan.describe() + "; " + NODES + " nodes on loopback, one PostgreSQL database; "
                + "one Java LL-HLS viewer on every node throughout (more where stated)");
        try (CameraFarm farm = CameraFarm.start(plan, work.resolve("farm"));
             BenchSite site = BenchSite.start();
             TestDatabase db = TestDatabase.create()) {
            camera = farm.cameraIds().get(0);
            Map<String, String> env = new HashMap<>(ServerUnderTest.allowingPagesOf(site));
            env.put("FIELDCAST_DB_URL", db.url());
            env.put("FIELDCAST_DB_USER", TestDatabase.USER);
            env.put("FIELDCAST_STREAM_IDLE_TIMEOUT", "PT3S");
            long boot = System.nanoTime();
            nodes.addAll(FieldcastServer.cluster(NODES, env, Files.readString(farm.stationFile())));
            System.out.printf("cluster of %d up in %.1f s%n", NODES, (System.nanoTime() - boot) / 1e9);
            try {
                // The first node's viewer makes it the owner; the others then follow it.
                watch(0, 1);
                await(Duration.ofSeconds(60), () -> viewers.get(0).get(0).parts() >= 3, () -> "parts on node 0: " + viewers);
                watch(1, 1);
                Processes.sleep(1000); // one follower after the other: see the README's note on followers joining together
                watch(2, 1);
                await(Duration.ofSeconds(60), () -> everyViewerGetsParts(), () -> "every node's viewer gets parts: " + viewers + diagnosis()
                        + "\nthread dumps in " + threadDumps(work));
                if (parts.contains("latency")) {
                    latency(site);
                }
                if (parts.contains("cost")) {
                    cost();
                }
                if (parts.contains("failover")) {
                    failovers(work);
                }
            } finally {
                viewers.values().forEach(list -> list.forEach(ClusterViewer::close));
                nodes.forEach(FieldcastServer::close);
            }
        }
        return report.finish();
    }

    // ---- glass-to-glass: owner and follower side by side ----

    private void latency(BenchSite site) throws Exception {
        int owner = owner();
        int follower = (owner + 1) % NODES;
        FieldcastServer o = nodes.get(owner);
        FieldcastServer f = nodes.get(follower);
        Map<String, String[]> pairs = new LinkedHashMap<>();
        pairs.put("LL-HLS", new String[] {"hls", o.uri("hls/" + camera + "/index.m3u8").toString(), f.uri("hls/" + camera + "/index.m3u8").toString()});
        pairs.put("H.264 over /ws/mse", new String[] {"mse", o.uri("ws/mse").toString(), f.uri("ws/mse").toString()});
        JsonArrayBuilder json = Json.createArrayBuilder();
        try (Probe a = Probe.start(site); Probe b = Probe.start(site)) {
            for (var pair : pairs.entrySet()) {
                String mode = pair.getValue()[0];
                Map<String, String> options = mode.equals("mse") ? Map.of("camera", camera, "stream", "main") : Map.of();
                JoinRounds fromOwner = new JoinRounds();
                JoinRounds fromFollower = new JoinRounds();
                for (int round = 0; round < rounds; round++) {
                    // The two browsers swap sources every round, so neither's own lag counts for one source only.
                    Probe ownersProbe = round % 2 == 0 ? a : b;
                    Probe followersProbe = round % 2 == 0 ? b : a;
                    List<Probe.Join> ownerJoins = new ArrayList<>();
                    List<Probe.Join> followerJoins = new ArrayList<>();
                    for (int j = 0; j < joins; j++) {
                        var atOwner = CompletableFuture.supplyAsync(() -> ownersProbe.join(mode, pair.getValue()[1], options, play, FIRST_FRAME_TIMEOUT),
                                r -> new Thread(r, "probe-owner").start());
                        var atFollower = CompletableFuture.supplyAsync(() -> followersProbe.join(mode, pair.getValue()[2], options, play, FIRST_FRAME_TIMEOUT),
                                r -> new Thread(r, "probe-follower").start());
                        ownerJoins.add(atOwner.join());
                        followerJoins.add(atFollower.join());
                    }
                    fromOwner.add(ownerJoins);
                    fromFollower.add(followerJoins);
                    System.out.printf("  %s round %d: owner %s | follower %s%n", pair.getKey(), round + 1, fromOwner.last(), fromFollower.last());
                }
                Distribution ow = fromOwner.all();
                Distribution fo = fromFollower.all();
                report.row(pair.getKey() + " glass-to-glass from the owner", Report.millis(ow) + "; p50 per round " + Report.spread(fromOwner.p50s(), "ms"));
                report.row(pair.getKey() + " glass-to-glass through a follower", Report.millis(fo) + "; p50 per round " + Report.spread(fromFollower.p50s(), "ms"));
                report.row(pair.getKey() + " the follower's hop (follower - owner)", String.format(Locale.ROOT, "p50 %+.0f ms, p95 %+.0f ms",
                        fo.p50() - ow.p50(), fo.p95() - ow.p95()));
                json.add(fromOwner.toJson(pair.getKey(), "owner")).add(fromFollower.toJson(pair.getKey(), "follower"));
            }
        }
        report.put("latency", json.build());
    }

    // ---- the relay's CPU ----

    private void cost() {
        int owner = owner();
        int follower = (owner + 1) % NODES;
        int other = (owner + 2) % NODES;
        // Only the owner's viewer stays; the followers' relays end after the idle timeout (3 s) without viewers.
        unwatch(follower);
        unwatch(other);
        Processes.sleep(8000);
        List<Long> pids = List.of(nodes.get(owner).pid(), nodes.get(follower).pid(), nodes.get(other).pid());
        Map<String, double[]> windows = new LinkedHashMap<>();
        windows.put("not followed (a viewer on the owner only)", window(pids));
        watch(follower, 1);
        await(Duration.ofSeconds(30), () -> viewers.get(follower).get(0).parts() >= 5, () -> "the follower's viewer: " + viewers);
        Processes.sleep(3000);
        windows.put("followed by one node (one viewer there)", window(pids));
        watch(follower, addedViewers);
        Processes.sleep(3000);
        windows.put("followed, " + (1 + addedViewers) + " viewers on the follower", window(pids));
        unwatchAllBut(follower, 1);
        watch(owner, addedViewers);
        Processes.sleep(3000);
        windows.put("followed, " + (1 + addedViewers) + " viewers on the owner", window(pids));
        unwatchAllBut(owner, 1);
        watch(other, 1);

        JsonArrayBuilder json = Json.createArrayBuilder();
        windows.forEach((what, cpu) -> {
            report.row("CPU " + what, String.format(Locale.ROOT, "owner %.1f %%, follower %.1f %%, third node %.1f %% of a core", cpu[0], cpu[1], cpu[2]));
            json.add(Json.createObjectBuilder().add("window", what).add("ownerPercent", Report.number(cpu[0]))
                    .add("followerPercent", Report.number(cpu[1])).add("thirdNodePercent", Report.number(cpu[2])));
        });
        List<double[]> w = new ArrayList<>(windows.values());
        double perViewerFollower = (w.get(2)[1] - w.get(1)[1]) / addedViewers;
        double perViewerOwner = (w.get(3)[0] - w.get(1)[0]) / addedViewers;
        report.row("relay per camera at the owner (followed - not followed)", Report.percent(w.get(1)[0] - w.get(0)[0]) + " of a core");
        report.row("relay per camera at the follower (followed, one viewer - idle - that viewer)",
                Report.percent(w.get(1)[1] - w.get(0)[1] - perViewerFollower) + " of a core (with its one viewer "
                        + Report.percent(w.get(1)[1] - w.get(0)[1]) + ")");
        report.row("per added LL-HLS viewer, on the follower / on the owner", Report.percent(perViewerFollower) + " / "
                + Report.percent(perViewerOwner) + " of a core");
        report.put("cpu", json.build());
    }

    /** Percent of a core of each process over one window of {@link #cpuWindow}. */
    private double[] window(List<Long> pids) {
        Processes.CpuWindow w = Processes.CpuWindow.open(pids);
        Processes.sleep(cpuWindow.toMillis());
        return w.percentOfCore();
    }

    // ---- fail-over ----

    private void failovers(Path work) {
        List<Double> totals = new ArrayList<>();
        List<Double> memberDropped = new ArrayList<>();
        List<Double> newPull = new ArrayList<>();
        List<Double> atNewOwner = new ArrayList<>();
        List<Double> atFollower = new ArrayList<>();
        JsonArrayBuilder json = Json.createArrayBuilder();
        for (int k = 0; k < kills; k++) {
            await(Duration.ofSeconds(30), () -> pulls() == 1, () -> "one pull in the cluster, not " + pulls());
            int owner = owner();
            List<Integer> survivors = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                if (i != owner) {
                    survivors.add(i);
                }
            }
            // One viewer per node here (cost() leaves it so).
            List<ClusterViewer> watching = survivors.stream().map(i -> viewers.get(i).get(0)).toList();
            long killMillis = System.currentTimeMillis();
            long killNanos = System.nanoTime();
            nodes.get(owner).kill();
            long pullNanos = 0;
            int newOwner = -1;
            long limit = killNanos + FAILOVER_LIMIT.toNanos();
            // Until every survivor's viewer has a part from after the new pull began (parts a follower still held
            // may arrive just after the kill; they do not end the outage).
            while (System.nanoTime() < limit && !(newOwner >= 0 && lastPartsAfter(watching, pullNanos))) {
                if (newOwner < 0) {
                    for (int i : survivors) {
                        if (!nodes.get(i).ffmpegProcesses().isEmpty()) {
                            pullNanos = System.nanoTime(); // polled: within about 50 ms of the new owner's ffmpeg starting
                            newOwner = i;
                        }
                    }
                }
                Processes.sleep(50);
            }
            List<List<Long>> arrivals = watching.stream().map(ClusterViewer::arrivals).toList();
            double total = FailoverTimes.failover(killNanos, arrivals);
            double[] each = FailoverTimes.resumedAfter(killNanos, arrivals);
            OptionalLong dropped = FailoverTimes.firstLogged(survivors.stream().map(i -> nodes.get(i).log()).toList(), MEMBER_DROPPED, killMillis);
            double droppedS = dropped.isPresent() ? (dropped.getAsLong() - killMillis) / 1e3 : Double.NaN;
            double pullS = pullNanos == 0 ? Double.NaN : (pullNanos - killNanos) / 1e9;
            double newOwnersViewer = newOwner < 0 ? Double.NaN : each[survivors.indexOf(newOwner)];
            double followersViewer = newOwner < 0 ? Double.NaN : each[1 - survivors.indexOf(newOwner)];
            totals.add(total);
            memberDropped.add(droppedS);
            newPull.add(pullS);
            atNewOwner.add(newOwnersViewer);
            atFollower.add(followersViewer);
            System.out.printf(Locale.ROOT, "  kill %d of node %d: member dropped %.2f s, node %d's ffmpeg running %.2f s, next part "
                    + "there %.2f s, at the other survivor %.2f s%n", k + 1, owner, droppedS, newOwner, pullS, newOwnersViewer, followersViewer);
            json.add(Json.createObjectBuilder().add("killedNode", owner).add("newOwner", newOwner).add("failoverS", Report.number(total))
                    .add("memberDroppedS", Report.number(droppedS)).add("newPullS", Report.number(pullS))
                    .add("atNewOwnerS", Report.number(newOwnersViewer)).add("atFollowerS", Report.number(followersViewer)));
            // Back to three before the next kill: the killed node restarted (its viewer goes on by itself) and seen by all.
            nodes.set(owner, nodes.get(owner).restart());
            long back = System.nanoTime();
            try {
                await(Duration.ofSeconds(60), () -> allSeeMembers(NODES) && everyViewerGetsPartsSince(back),
                        () -> "three nodes again (members seen: " + nodes.stream().map(n -> Integer.toString(membersSeen(n))).toList()
                                + "), every viewer watching: " + viewers + diagnosis());
            } catch (IllegalStateException stuck) {
                // The system under test did not recover: that is a finding, reported with the kills measured so far.
                report.note("after kill " + (k + 1) + " and the restart of node " + owner + ": " + stuck.getMessage().lines().findFirst().orElse("")
                        + "; thread dumps in " + threadDumps(work));
                break;
            }
            Processes.sleep(3000);
        }
        report.row("fail-over: SIGKILL of the owner to the next part at the viewers of both other nodes", summary(totals)
                + " (goal <= 10 s, aim <= 5 s)");
        report.row("  the dead member dropped by Hazelcast (first survivor's log)", summary(memberDropped));
        report.row("  the new owner's ffmpeg running (lease expired, claimed, pull started)", summary(newPull));
        report.row("  next part at the new owner's viewer", summary(atNewOwner));
        report.row("  next part at the other survivor's viewer (following the new owner)", summary(atFollower));
        report.put("failovers", json.build());
    }

    private static boolean lastPartsAfter(List<ClusterViewer> watching, long nanos) {
        return watching.stream().allMatch(v -> v.lastPartNanos() > nanos);
    }

    private static String summary(List<Double> seconds) {
        List<Double> known = seconds.stream().filter(s -> !Double.isNaN(s)).toList();
        if (known.isEmpty()) {
            return "not seen";
        }
        Distribution d = Distribution.of(known);
        return String.format(Locale.ROOT, "p50 %.2f s, max %.2f s, min %.2f s (n=%d)", d.p50(), d.max(), d.min(), d.count());
    }

    // ---- the cluster and its viewers ----

    /** Every node's threads, written beside the benchmark's work files; returns the folder. */
    private Path threadDumps(Path work) {
        for (int i = 0; i < nodes.size(); i++) {
            try {
                Files.writeString(work.resolve("threads-node" + i + ".txt"), nodes.get(i).threadDump());
            } catch (java.io.IOException e) {
                System.err.println("no thread dump of node " + i + ": " + e);
            }
        }
        return work;
    }

    /** Each node's media playlist as it stands, for a benchmark that cannot go on. */
    private String diagnosis() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            try {
                var playlist = nodes.get(i).get("hls/" + camera + "/stream.m3u8");
                String body = playlist.body();
                out.append("\nnode ").append(i).append(" (pulls: ").append(nodes.get(i).ffmpegProcesses().size()).append("): ")
                        .append(playlist.statusCode()).append('\n').append(body.substring(Math.max(0, body.length() - 600)));
            } catch (Exception e) {
                out.append("\nnode ").append(i).append(": ").append(e);
            }
        }
        return out.toString();
    }

    private void watch(int node, int count) {
        List<ClusterViewer> list = viewers.computeIfAbsent(node, n -> new ArrayList<>());
        for (int i = 0; i < count; i++) {
            list.add(ClusterViewer.start(nodes.get(node).baseUri(), camera));
        }
    }

    private void unwatch(int node) {
        unwatchAllBut(node, 0);
    }

    private void unwatchAllBut(int node, int keep) {
        List<ClusterViewer> list = viewers.getOrDefault(node, new ArrayList<>());
        while (list.size() > keep) {
            list.remove(list.size() - 1).close();
        }
    }

    /** The node whose ffmpeg pulls the camera. */
    private int owner() {
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).ffmpegProcesses().isEmpty()) {
                return i;
            }
        }
        throw new IllegalStateException("no node pulls the camera");
    }

    private int pulls() {
        return nodes.stream().mapToInt(n -> n.ffmpegProcesses().size()).sum();
    }

    private boolean everyViewerGetsParts() {
        return everyViewerGetsPartsSince(System.nanoTime() - 2_000_000_000L);
    }

    private boolean everyViewerGetsPartsSince(long nanos) {
        return viewers.values().stream().flatMap(List::stream).allMatch(v -> v.lastPartNanos() > nanos);
    }

    /** Every node's readiness probe (plain HTTP, as a load balancer asks it) counts {@code count} members. */
    private boolean allSeeMembers(int count) {
        return nodes.stream().allMatch(n -> membersSeen(n) == count);
    }

    private static int membersSeen(FieldcastServer node) {
        try {
            HttpResponse<String> ready = PROBE_HTTP.send(HttpRequest.newBuilder(node.plainUri("health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher members = MEMBERS.matcher(ready.body());
            return ready.statusCode() == 200 && members.find() ? Integer.parseInt(members.group(1)) : -1;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void await(Duration limit, BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Processes.sleep(100);
        }
        throw new IllegalStateException("not within " + limit + ": " + what.get());
    }
}
