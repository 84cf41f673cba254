package org.fieldcast.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.hls.LiveEdge;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.sim.SimulatedSite;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Three real nodes on one PostgreSQL database and one simulated PTZ dome: each node's readiness names the
 * members it sees and the quorum; LL-HLS viewers on every node,
 * yet one RTSP session at the camera; the same part names and bytes on every node; PTZ through any node;
 * when the owner is killed (SIGKILL), another node takes the pull over and every viewer goes on; and a
 * rolling restart (each node stopped and started in turn) keeps the other nodes' viewers watching; a
 * paused owner (SIGSTOP) is replaced only after its lease, and stops its own pull when it resumes.
 */
class ClusterStreamIT {
    private static final String ID = "clu-dome-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern MEMBERS = Pattern.compile("\"members\":\"?(\\d+)");
    private static final Pattern QUORUM = Pattern.compile("\"quorum\":\"?(true|false)");

    @Test
    void oneSessionForViewersOnEveryNodeATakeoverWhenTheOwnerDiesAndARollingRestart() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (TestDatabase db = TestDatabase.create();
             SimulatedSite site = SimulatedSite.start("clu", "Cluster site",
                     List.of(SimulatedCameraSpec.of(ID, "Cluster dome", true).withPicture(320, 180, 25, 400)),
                     FfmpegLocator.directory(null).resolve("ffmpeg"), pool)) {
            SimulatedCamera camera = site.cameras().get(0);
            assertTrue(camera.awaitStreaming(Duration.ofSeconds(20)));
            List<FieldcastServer> nodes = new ArrayList<>(FieldcastServer.cluster(3, Map.of("FIELDCAST_DB_URL", db.url(),
                    "FIELDCAST_DB_USER", TestDatabase.USER), site.stationJson()));
            List<Viewer> viewers = new ArrayList<>();
            Chromium chromium = null;
            try {
                for (FieldcastServer node : nodes) {
                    viewers.add(new Viewer(node));
                    viewers.get(viewers.size() - 1).start(pool);
                    Thread.sleep(300); // the first node's viewer claims the pull; the others follow it
                }
                await(Duration.ofSeconds(60), () -> viewers.stream().allMatch(v -> v.parts.get() >= 5),
                        () -> "every node's viewer gets parts: " + viewers);
                for (FieldcastServer node : nodes) {
                    await(Duration.ofSeconds(30), () -> seen(node).equals(new Seen(200, 3, true)),
                            () -> "readiness names three members and a quorum: " + seen(node));
                }
                String metrics = nodes.get(0).getAsAdmin("metrics").body();
                assertTrue(Pattern.compile("(?m)^fieldcast_cluster_members(\\{[^}]*})? 3(\\.0)?$").matcher(metrics).find(), metrics);
                assertTrue(Pattern.compile("(?m)^fieldcast_cluster_quorum(\\{[^}]*})? 1(\\.0)?$").matcher(metrics).find(), metrics);

                assertEquals(1, camera.activeRtspSessions(), "one RTSP session for the viewers of three nodes");
                assertEquals(1, nodes.stream().mapToInt(n -> n.ffmpegProcesses().size()).sum(), "one ffmpeg in the cluster");
                FieldcastServer owner = nodes.stream().filter(n -> !n.ffmpegProcesses().isEmpty()).findFirst().orElseThrow();
                for (FieldcastServer node : nodes) {
                    await(Duration.ofSeconds(10), () -> seesOwner(node, owner), () -> node.baseUri() + " names the owner "
                            + owner.baseUri() + " and the camera LIVE: " + cameras(node));
                }

                // The same names and bytes everywhere: a part fetched from each node is the one part.
                LiveEdge edge = LiveEdge.of(owner.get("hls/" + ID + "/stream.m3u8").body());
                byte[] ownersPart = owner.getBytes("hls/" + ID + "/" + edge.hintedUri()).body();
                for (FieldcastServer node : nodes) {
                    HttpResponse<byte[]> same = node.getBytes("hls/" + ID + "/" + edge.hintedUri());
                    assertEquals(200, same.statusCode(), "the part is there on every node");
                    assertArrayEquals(ownersPart, same.body(), "and has the same bytes");
                }

                // PTZ through every node reaches the one camera.
                for (FieldcastServer node : nodes) {
                    assertEquals(200, post(node, "ptz/move?pan=1").statusCode(), "a move through " + node.baseUri());
                }
                await(Duration.ofSeconds(10), camera::ptzMoving, () -> "the dome turns");
                assertEquals(200, post(nodes.get(2), "ptz/stop").statusCode());
                await(Duration.ofSeconds(10), () -> !camera.ptzMoving(), () -> "the dome stops");

                // SIGKILL the owner: another node pulls on, and the others' viewers go on; hls.js in Chromium too.
                List<Viewer> survivors = viewers.stream().filter(v -> v.node != owner).toList();
                chromium = Chromium.start();
                Chromium browser = chromium;
                browser.driver().get(survivors.get(0).node.uri("embed.html?camera=" + ID).toString());
                await(Duration.ofSeconds(30), () -> playedSeconds(browser) > 1, () -> "hls.js plays on a follower");
                long before = survivors.stream().mapToLong(v -> v.parts.get()).min().orElseThrow();
                long killed = System.nanoTime();
                owner.kill();
                await(Duration.ofSeconds(30), () -> survivors.stream().allMatch(v -> v.parts.get() >= before + 10
                        && v.lastPartNanos.get() > killed), () -> "the survivors' viewers go on: " + survivors);
                for (Viewer v : survivors) {
                    assertEquals(new Seen(200, 2, true), seen(v.node), "two of three are a quorum: the others stay ready");
                }
                // Parts already made reach the viewers just after the kill; the wait that counts is the longest gap.
                double failover = survivors.stream().mapToDouble(v -> v.longestGapSince(killed)).max().orElseThrow();
                System.out.printf("ClusterStreamIT: SIGKILL of the owner: longest gap between parts at a surviving viewer %.2f s%n", failover);
                await(Duration.ofSeconds(15), () -> camera.activeRtspSessions() == 1, () -> "one session again, not "
                        + camera.activeRtspSessions());
                double playedAtTakeover = playedSeconds(browser);
                await(Duration.ofSeconds(30), () -> playedSeconds(browser) > playedAtTakeover + 3,
                        () -> "hls.js plays on after the takeover: " + playedSeconds(browser) + " s played");
                browser.close();
                chromium = null;
                assertEquals(1, nodes.stream().filter(n -> n != owner).mapToInt(n -> n.ffmpegProcesses().size()).sum(),
                        "one ffmpeg among the survivors");
                FieldcastServer next = nodes.stream().filter(n -> n != owner && !n.ffmpegProcesses().isEmpty()).findFirst().orElseThrow();
                for (Viewer v : survivors) {
                    await(Duration.ofSeconds(20), () -> seesOwner(v.node, next), () -> v.node.baseUri() + " names the new owner "
                            + next.baseUri() + ": " + cameras(v.node));
                }

                // PTZ through a survivor still reaches the camera (its queue moves when its node died).
                await(Duration.ofSeconds(15), () -> post(survivors.get(0).node, "ptz/move?tilt=1").statusCode() == 200,
                        () -> "a move through a survivor");
                await(Duration.ofSeconds(10), camera::ptzMoving, () -> "the dome turns");
                assertEquals(200, post(survivors.get(1).node, "ptz/stop").statusCode());

                // A rolling restart: the killed node comes back; then the node that pulls stops in order and starts
                // again (the step that matters: it hands the pull over), while the viewers on the other nodes watch on.
                nodes.set(nodes.indexOf(owner), owner.restart());
                for (FieldcastServer node : nodes) {
                    await(Duration.ofSeconds(30), () -> seen(node).members() == 3, () -> "three members again: " + seen(node));
                }
                for (int i : List.of(nodes.indexOf(nodes.stream().filter(n -> !n.ffmpegProcesses().isEmpty()).findFirst().orElseThrow()))) {
                    FieldcastServer restarting = nodes.get(i);
                    List<Viewer> elsewhere = viewers.stream().filter(v -> !v.node.baseUri().equals(restarting.baseUri())).toList();
                    long from = System.nanoTime();
                    nodes.set(i, restarting.restart());
                    long back = System.nanoTime();
                    await(Duration.ofSeconds(30), () -> elsewhere.stream().allMatch(v -> v.lastPartNanos.get() > back),
                            () -> "the other nodes' viewers watch on: " + elsewhere);
                    double gap = elsewhere.stream().mapToDouble(v -> v.longestGapSince(from)).max().orElseThrow();
                    System.out.printf("ClusterStreamIT: orderly restart of the owner: longest gap between parts elsewhere %.2f s%n", gap);
                    assertTrue(gap < 10, "the viewers elsewhere went on during the restart; longest gap " + gap + " s");
                }
                await(Duration.ofSeconds(30), () -> viewers.stream().allMatch(v -> v.lastPartNanos.get() > System.nanoTime() - 2_000_000_000L),
                        () -> "every viewer watches after the rolling restart: " + viewers);
                await(Duration.ofSeconds(15), () -> camera.activeRtspSessions() == 1, () -> "one session after the rolling restart, not "
                        + camera.activeRtspSessions());

                // Cut the owner off (SIGSTOP): no second pull while its lease lives, a takeover after; resumed, it
                // finds its claim gone and stops its own pull.
                FieldcastServer paused = nodes.stream().filter(n -> !n.ffmpegProcesses().isEmpty()).findFirst().orElseThrow();
                long sessions = camera.totalRtspSessions();
                long pausedAt = System.nanoTime();
                paused.pause();
                while (System.nanoTime() - pausedAt < 2_500_000_000L) {
                    assertEquals(sessions, camera.totalRtspSessions(), "no second pull while the paused owner's lease lives");
                    Thread.sleep(50);
                }
                await(Duration.ofSeconds(20), () -> camera.totalRtspSessions() == sessions + 1, () -> "another node takes over");
                for (FieldcastServer other : nodes.stream().filter(n -> n != paused).toList()) {
                    await(Duration.ofSeconds(10), () -> seen(other).equals(new Seen(200, 2, true)), () -> "the paused node dropped: " + seen(other));
                }
                System.out.printf("ClusterStreamIT: SIGSTOP of the owner to the new pull: %.2f s%n", (System.nanoTime() - pausedAt) / 1e9);
                paused.resume();
                await(Duration.ofSeconds(20), () -> paused.ffmpegProcesses().isEmpty() && camera.activeRtspSessions() == 1,
                        () -> "the resumed node stops its pull: " + paused.ffmpegProcesses().size() + " ffmpeg, "
                                + camera.activeRtspSessions() + " sessions");
                await(Duration.ofSeconds(60), () -> seen(paused).equals(new Seen(200, 3, true)), () -> "the resumed node rejoins: " + seen(paused));
            } finally {
                if (chromium != null) {
                    chromium.close();
                }
                viewers.forEach(Viewer::stop);
                nodes.forEach(FieldcastServer::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a node's readiness probe says of the cluster; {@code status} 0 when it did not answer. */
    record Seen(int status, int members, boolean quorum) {
    }

    private static Seen seen(FieldcastServer node) {
        try {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(node.plainUri("health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher members = MEMBERS.matcher(ready.body());
            Matcher quorum = QUORUM.matcher(ready.body());
            return new Seen(ready.statusCode(), members.find() ? Integer.parseInt(members.group(1)) : -1,
                    quorum.find() && Boolean.parseBoolean(quorum.group(1)));
        } catch (Exception e) {
            return new Seen(0, -1, false);
        }
    }

    /** Seconds the embed page's video has played. */
    private static double playedSeconds(Chromium browser) {
        Object t = browser.js("const v = document.querySelector('[data-embed] video'); return v && v.readyState >= 2 ? v.currentTime : 0");
        return t instanceof Number n ? n.doubleValue() : 0;
    }

    /** One view of health: the node's /api/cameras shows the camera LIVE, pulled by {@code owner}. */
    private static boolean seesOwner(FieldcastServer node, FieldcastServer owner) {
        String json = cameras(node);
        String address = owner.baseUri().toString().replaceAll("/$", "");
        return json.contains("\"owner\":\"" + address + "\"") && json.contains("\"state\":\"LIVE\"");
    }

    private static String cameras(FieldcastServer node) {
        try {
            return node.get("api/cameras").body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static HttpResponse<String> post(FieldcastServer node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(node.uri("api/cameras/" + ID + "/" + path)).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(Duration limit, BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + limit + ": " + what.get());
    }

    /** What an LL-HLS player does on one node: block for the next part, fetch it; on an error, load the playlist again. */
    private static final class Viewer {
        final FieldcastServer node;
        final AtomicLong parts = new AtomicLong();
        final AtomicLong lastPartNanos = new AtomicLong();
        final List<Long> partTimes = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean running = true;
        volatile String lastError = "";

        Viewer(FieldcastServer node) {
            this.node = node;
        }

        void start(ExecutorService pool) {
            pool.submit(this::follow);
        }

        void stop() {
            running = false;
        }

        /** The longest wait for a part from {@code nanos} on (to now, if none came since the last). */
        double longestGapSince(long nanos) {
            long previous = nanos;
            long longest = 0;
            synchronized (partTimes) {
                for (long t : partTimes) {
                    if (t > nanos) {
                        longest = Math.max(longest, t - previous);
                        previous = t;
                    }
                }
            }
            return Math.max(longest, System.nanoTime() - previous) / 1e9;
        }

        private void follow() {
            LiveEdge edge = null;
            while (running) {
                try {
                    if (edge == null) {
                        HttpResponse<String> playlist = node.get("hls/" + ID + "/stream.m3u8");
                        if (playlist.statusCode() != 200) {
                            lastError = "playlist " + playlist.statusCode();
                            Thread.sleep(200);
                            continue;
                        }
                        edge = LiveEdge.of(playlist.body());
                    }
                    HttpResponse<byte[]> part = node.getBytes("hls/" + ID + "/" + edge.hintedUri());
                    HttpResponse<String> reload = node.get("hls/" + ID + "/" + edge.blockingReload());
                    if (part.statusCode() != 200 || reload.statusCode() != 200) {
                        lastError = "part " + part.statusCode() + ", reload " + reload.statusCode();
                        edge = null;
                        Thread.sleep(200);
                        continue;
                    }
                    long now = System.nanoTime();
                    parts.incrementAndGet();
                    lastPartNanos.set(now);
                    partTimes.add(now);
                    edge = LiveEdge.of(reload.body());
                } catch (Exception e) {
                    lastError = e.toString();
                    edge = null;
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }

        @Override
        public String toString() {
            return node.baseUri() + ": " + parts.get() + " parts, last error " + lastError;
        }
    }
}
