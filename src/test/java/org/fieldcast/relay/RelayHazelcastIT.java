package org.fieldcast.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;
import org.fieldcast.hls.HlsMirror;
import org.fieldcast.hls.HlsSegmenter;
import org.fieldcast.hls.Timeline;
import org.fieldcast.hls.TimelineDelta;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay on the real transport: two Hazelcast members of the release Payara Micro ships, on
 * loopback (TCP/IP join, no multicast, no phone-home), the owner's publisher on one, a node's
 * subscriber on the other, a camera's worth of media at 25 fps in real time. The mirror must hold
 * the owner's timelines, and the hop (published there, applied here) is measured for LL-HLS parts
 * and for the taps' per-picture fragments, with the CPU the relay costs.
 */
class RelayHazelcastIT {
    private static final Logger LOG = Logger.getLogger(RelayHazelcastIT.class.getName());
    private static final int FPS = 25;
    private static final int SECONDS = 20;
    /** About 2 Mbit/s: a 640x360 to 720p H.264 camera: a 60 KB keyframe a second, 8 KB pictures between. */
    private static final int KEYFRAME_BYTES = 60_000;
    private static final int PICTURE_BYTES = 8_000;

    static HazelcastInstance ownerNode;
    static HazelcastInstance otherNode;

    @BeforeAll
    static void cluster() {
        int[] ports = {freePort(), freePort()};
        String name = "fieldcast-relay-it-" + UUID.randomUUID();
        ownerNode = Hazelcast.newHazelcastInstance(member(name, ports[0], ports));
        otherNode = Hazelcast.newHazelcastInstance(member(name, ports[1], ports));
        assertEquals(2, otherNode.getCluster().getMembers().size(), "the two members form one cluster");
    }

    @AfterAll
    static void stop() {
        if (otherNode != null) {
            otherNode.shutdown();
        }
        if (ownerNode != null) {
            ownerNode.shutdown();
        }
    }

    static Config member(String cluster, int port, int[] ports) {
        Config c = new Config();
        c.setClusterName(cluster);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.logging.type", "jdk");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(false);
        n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        n.getJoin().getMulticastConfig().setEnabled(false);
        n.getJoin().getAutoDetectionConfig().setEnabled(false);
        n.getJoin().getTcpIpConfig().setEnabled(true);
        for (int p : ports) {
            n.getJoin().getTcpIpConfig().addMember("127.0.0.1:" + p);
        }
        return c;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aNodeOnAnotherMemberMirrorsTheOwnerAndTheHopIsMeasured() throws Exception {
        String stream = "cam-it/main";
        InitSegment init = new InitSegment(new byte[700], List.of(new TrackInfo(1, "vide", 90_000, "avc1.64001f", 1280, 720, 0, 0)));
        HlsSegmenter segmenter = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, java.time.Clock.systemUTC());
        RelayPublisher publisher = new RelayPublisher(stream, 7, new HazelcastRelayTransport(ownerNode), segmenter.timeline()).start();

        HlsMirror mirror = new HlsMirror(0.2);
        Map<Long, Long> pictureApplied = new ConcurrentHashMap<>();
        RelaySubscriber subscriber = new RelaySubscriber(stream, new HazelcastRelayTransport(otherNode), mirror,
                new Fmp4StreamParser.Listener() {
                    @Override
                    public void onInit(InitSegment i) {
                    }

                    @Override
                    public void onFragment(Fragment f) {
                        pictureApplied.put(f.decodeTime(), System.nanoTime());
                    }
                }).start();

        List<Long> partHops = Collections.synchronizedList(new ArrayList<>());
        long[] lastPart = {segmenter.timeline().nextPartId()};
        segmenter.onTimeline(t -> {
            long id = t.nextPartId();
            if (id > lastPart[0]) { // a new part (a segment's close publishes none)
                lastPart[0] = id;
                long sent = System.nanoTime();
                mirror.await(m -> m.nextPartId() >= id).thenRun(() -> partHops.add(System.nanoTime() - sent));
            }
            publisher.accept(t);
        });
        Thread.sleep(500); // the member's listener registration reaches the owner's member

        Random random = new Random(1);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        Map<Long, Long> pictureSent = new ConcurrentHashMap<>();
        segmenter.onInit(init);
        publisher.onInit(init);
        for (int i = 0; i < FPS * SECONDS; i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(1000L * i / FPS);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            boolean key = i % FPS == 0;
            byte[] bytes = new byte[key ? KEYFRAME_BYTES : PICTURE_BYTES];
            random.nextBytes(bytes);
            Fragment f = new Fragment(bytes, 1, i * 3600L, 3600, key, 1);
            pictureSent.put(f.decodeTime(), System.nanoTime());
            publisher.onFragment(f); // the taps' picture (ahead of ffmpeg's in the server), then the segmenter's
            segmenter.onFragment(f);
        }
        long wall = System.nanoTime() - start;
        Thread.sleep(300);
        long relayCpu = processCpuNanos() - cpuBefore;

        long idleStart = processCpuNanos();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wall));
        long idleCpu = processCpuNanos() - idleStart;

        assertTrue(subscriber.synced());
        assertEquals(1, subscriber.snapshots());
        Timeline owner = segmenter.timeline();
        assertTrue(owner.segments().size() >= 7, "the window filled: " + owner.segments().size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(TimelineDelta.whole(owner).encode(), TimelineDelta.whole(mirror.timeline()).encode());
        assertEquals(FPS * SECONDS, pictureApplied.size(), "every picture reached the other member");

        List<Long> pictureHops = new ArrayList<>();
        pictureSent.forEach((time, sent) -> pictureHops.add(pictureApplied.get(time) - sent));
        String report = String.format("relay hop over Hazelcast on loopback, %d s at %d fps, %.1f Mbit/s: "
                        + "parts p50 %.2f ms p95 %.2f ms max %.2f ms (%d); pictures p50 %.2f ms p95 %.2f ms max %.2f ms (%d); "
                        + "CPU while relaying %.1f %% of a core, idle cluster %.1f %%, so the stream's relay %.1f %% (both ends, one JVM)",
                SECONDS, FPS, (KEYFRAME_BYTES + (FPS - 1) * PICTURE_BYTES) * 8 / 1e6,
                ms(partHops, 50), ms(partHops, 95), ms(partHops, 100), partHops.size(),
                ms(pictureHops, 50), ms(pictureHops, 95), ms(pictureHops, 100), pictureHops.size(),
                100.0 * relayCpu / wall, 100.0 * idleCpu / wall, 100.0 * (relayCpu - idleCpu) / wall);
        LOG.info(report);
        System.out.println(report);
        assertTrue(ms(partHops, 95) < 200, "a part's hop stays well under a part: " + report);
        subscriber.close();
        publisher.close();
    }

    private static double ms(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int at = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, at)) / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
