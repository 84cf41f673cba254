package org.fieldcast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.testing.FieldcastServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three real Payara Micro nodes in one cluster on loopback: what each reports of the membership on
 * {@code /health/ready} and in its metrics, while one is paused (SIGSTOP: cut off, then back) and
 * after one is killed (SIGKILL). The order matters: the pause needs all three, the kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Pattern MEMBERS = Pattern.compile("\"members\":\"?(\\d+)");
    private static final Pattern QUORUM = Pattern.compile("\"quorum\":\"?(true|false)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static List<FieldcastServer> nodes;

    /** What a node's readiness probe says of the cluster; {@code status} 0 when it did not answer. */
    record Seen(int status, int members, boolean quorum) {
    }

    @BeforeAll
    static void startThreeNodes() {
        nodes = FieldcastServer.cluster(3, Map.of("FIELDCAST_DEMO_ENABLED", "false"));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.forEach(FieldcastServer::close);
        }
    }

    @Test
    @Order(1)
    void everyNodeSeesThreeMembersAndAQuorum() throws Exception {
        for (FieldcastServer node : nodes) {
            assertEquals(new Seen(200, 3, true), await(node, s -> s.members() == 3, Duration.ofSeconds(30)));
        }
        String metrics = nodes.get(0).getAsAdmin("metrics").body();
        assertTrue(Pattern.compile("(?m)^fieldcast_cluster_members(\\{[^}]*})? 3(\\.0)?$").matcher(metrics).find(), metrics);
        assertTrue(Pattern.compile("(?m)^fieldcast_cluster_quorum(\\{[^}]*})? 1(\\.0)?$").matcher(metrics).find(), metrics);
    }

    /**
     * The lease service itself on the cluster's own map, through Hazelcast clients of two different
     * nodes (clients, so the members stay three): plain string values and compare-and-set as Payara's
     * Hazelcast keeps them.
     */
    @Test
    @Order(2)
    void leasesInTheClustersMapHaveOneOwnerWhicheverNodeIsAsked() {
        HazelcastInstance viaFirst = client(nodes.get(0));
        HazelcastInstance viaSecond = client(nodes.get(1));
        try {
            Leases a = leases("it-a", viaFirst);
            Leases b = leases("it-b", viaSecond);
            String stream = "it-" + java.util.UUID.randomUUID() + "/main";
            OwnershipClaim claim = a.claim(stream).orElseThrow();
            assertEquals(1, claim.generation());
            assertTrue(b.claim(stream).isEmpty(), "another node's live lease");
            assertEquals(new StreamOwner("it-a", 1, "https://it-a:8443"), b.owner(stream).orElseThrow());
            a.renewAll();
            assertTrue(claim.valid());
            claim.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (b.owner(stream).isPresent() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the release runs on the service's executor (here: at once)
            }
            assertEquals(2, b.claim(stream).orElseThrow().generation(), "released: taken at once, next generation");
            assertEquals("it-b", a.owner(stream).orElseThrow().node());
        } finally {
            viaFirst.shutdown();
            viaSecond.shutdown();
        }
    }

    private static Leases leases(String node, HazelcastInstance client) {
        Membership allThree = new Membership() {
            @Override
            public int membersSeen() {
                return client.getCluster().getMembers().size();
            }

            @Override
            public int expectedSize() {
                return 3;
            }
        };
        IMap<String, String> map = client.getMap(ClusterNode.LEASE_MAP);
        return new Leases(new LeaseTable(map, System::currentTimeMillis, 4000), allThree, node, "https://" + node + ":8443",
                Duration.ofSeconds(3), System::nanoTime, Runnable::run);
    }

    private static HazelcastInstance client(FieldcastServer node) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(node.setting("FIELDCAST_CLUSTER_NAME"));
        config.getNetworkConfig().addAddress("127.0.0.1:" + node.setting("FIELDCAST_CLUSTER_PORT"));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        return HazelcastClient.newHazelcastClient(config);
    }

    @Test
    @Order(3)
    void aPausedNodeIsDroppedByTheOthersAndRejoinsWhenItContinues() throws Exception {
        FieldcastServer paused = nodes.get(2);
        paused.pause();
        long pausedAt = System.nanoTime();
        for (FieldcastServer other : nodes.subList(0, 2)) {
            Seen seen = await(other, s -> s.members() == 2, Duration.ofSeconds(15));
            assertEquals(new Seen(200, 2, true), seen, "two of three are a quorum: the others stay ready");
        }
        long droppedMillis = Duration.ofNanos(System.nanoTime() - pausedAt).toMillis();
        System.out.println("cluster: a paused node was dropped by the others after " + droppedMillis + " ms");
        assertTrue(droppedMillis <= 5000, "dropped after " + droppedMillis + " ms");

        Thread.sleep(Math.max(0, 6000 - droppedMillis)); // paused past the lease time, as a cut-off owner would be
        paused.resume();
        long resumedAt = System.nanoTime();
        // What it reports from the moment it continues: its own view lags (it was paused too), then it finds
        // itself alone, then it merges back.
        List<String> views = new java.util.ArrayList<>();
        Seen last = null;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - resumedAt < Duration.ofSeconds(60).toNanos()) {
            Seen now = seen(paused);
            if (!now.equals(last)) {
                views.add(Duration.ofNanos(System.nanoTime() - resumedAt).toMillis() + " ms: " + now);
                last = now;
                quietSince = System.nanoTime();
            }
            if (now.equals(new Seen(200, 3, true)) && System.nanoTime() - quietSince > Duration.ofSeconds(8).toNanos()) {
                break; // settled back
            }
            Thread.sleep(100);
        }
        System.out.println("cluster: the paused node after it continued: " + views);
        assertEquals(new Seen(200, 3, true), last, String.valueOf(views));
        for (FieldcastServer other : nodes.subList(0, 2)) {
            assertEquals(new Seen(200, 3, true), await(other, s -> s.members() == 3, Duration.ofSeconds(30)));
        }
    }

    @Test
    @Order(4)
    void aKilledNodeIsDroppedWithinFiveSecondsAndTheOthersStayReady() throws Exception {
        nodes.get(2).kill();
        long killedAt = System.nanoTime();
        for (FieldcastServer other : nodes.subList(0, 2)) {
            assertEquals(new Seen(200, 2, true), await(other, s -> s.members() == 2, Duration.ofSeconds(15)));
        }
        long droppedMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
        System.out.println("cluster: a killed node was dropped by the others after " + droppedMillis + " ms");
        assertTrue(droppedMillis <= 5000, "dropped after " + droppedMillis + " ms");
    }

    private static Seen await(FieldcastServer node, Predicate<Seen> until, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Seen last = seen(node);
        while (!until.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = seen(node);
        }
        return last;
    }

    private static Seen seen(FieldcastServer node) throws InterruptedException {
        try {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(node.plainUri("health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher members = MEMBERS.matcher(ready.body());
            Matcher quorum = QUORUM.matcher(ready.body());
            return new Seen(ready.statusCode(), members.find() ? Integer.parseInt(members.group(1)) : -1,
                    quorum.find() && Boolean.parseBoolean(quorum.group(1)));
        } catch (IOException e) {
            return new Seen(0, -1, false);
        }
    }
}
