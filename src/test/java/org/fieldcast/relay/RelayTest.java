package org.fieldcast.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.fieldcast.fmp4.Fmp4Fixture;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.hls.HlsMirror;
import org.fieldcast.hls.HlsSegmenter;
import org.fieldcast.hls.MediaPlaylist;
import org.fieldcast.hls.Part;
import org.fieldcast.hls.Segment;
import org.fieldcast.hls.Timeline;
import org.fieldcast.hls.TimelineDelta;
import org.junit.jupiter.api.Test;

/** Owner and other nodes in one JVM, on the in-memory transport, fed the recorded camera. */
class RelayTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final Fmp4Fixture RECORDING = Fmp4Fixture.parse(8192);
    static final MediaPlaylist PLAYLIST = new MediaPlaylist(3);
    static final String STREAM = "cam-1/main";

    /** The node that pulls: its segmenter and taps both feed its publisher. */
    static final class Owner {
        final HlsSegmenter segmenter;
        final RelayPublisher publisher;

        Owner(HlsSegmenter segmenter, long generation, RelayTransport transport) {
            this.segmenter = segmenter;
            this.publisher = new RelayPublisher(STREAM, generation, transport, segmenter.timeline());
            segmenter.onTimeline(publisher);
            publisher.start();
        }

        Owner(long generation, RelayTransport transport) {
            this(new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 3, CLOCK), generation, transport);
        }

        void init(InitSegment init) {
            segmenter.onInit(init);
            publisher.onInit(init);
        }

        void feed(List<Fragment> fragments) {
            fragments.forEach(f -> {
                segmenter.onFragment(f);
                publisher.onFragment(f);
            });
        }
    }

    /** This node's taps, as the relay feeds them. */
    static final class Taps implements Fmp4StreamParser.Listener {
        final List<InitSegment> inits = new ArrayList<>();
        final List<Fragment> fragments = new ArrayList<>();

        @Override
        public void onInit(InitSegment init) {
            inits.add(init);
        }

        @Override
        public void onFragment(Fragment fragment) {
            fragments.add(fragment);
        }
    }

    /** A node that serves the stream from the relay. */
    static final class Node {
        final HlsMirror mirror = new HlsMirror(0.2);
        final Taps taps = new Taps();
        final RelaySubscriber subscriber;

        Node(RelayTransport transport) {
            subscriber = new RelaySubscriber(STREAM, transport, mirror, taps).start();
        }
    }

    static void assertSameTimeline(Timeline expected, Timeline actual) {
        assertArrayEquals(TimelineDelta.whole(expected).encode(), TimelineDelta.whole(actual).encode());
        assertEquals(PLAYLIST.render(expected, 0), PLAYLIST.render(actual, 0));
        assertEquals(PLAYLIST.render(expected, MediaPlaylist.skippable(expected)), PLAYLIST.render(actual, MediaPlaylist.skippable(actual)));
    }

    @Test
    void aNodeJoiningMidStreamServesTheOwnersPlaylistsAndParts() {
        InMemoryRelayTransport transport = new InMemoryRelayTransport();
        Owner owner = new Owner(1, transport);
        owner.init(RECORDING.inits.get(0));
        owner.feed(RECORDING.fragments.subList(0, 37)); // a second and a half in: the second GOP began at 25
        Node node = new Node(transport);
        assertTrue(node.subscriber.synced());
        assertSameTimeline(owner.segmenter.timeline(), node.mirror.timeline());

        List<Timeline> seen = new ArrayList<>();
        owner.segmenter.onTimeline(t -> {
            owner.publisher.accept(t);
            seen.add(t);
            assertSameTimeline(t, node.mirror.timeline()); // each change applied as soon as it is published
        });
        owner.feed(RECORDING.fragments.subList(37, RECORDING.fragments.size()));
        assertTrue(seen.size() > 10);
        Timeline t = owner.segmenter.timeline();
        assertTrue(t.firstMsn() > seen.get(0).firstMsn() || t.segments().size() == 3, "the window moved on");
        for (Segment s : t.segments()) {
            for (Part p : s.parts()) {
                assertArrayEquals(p.bytes(), node.mirror.timeline().partById(p.id()).orElseThrow().bytes());
            }
        }

        assertEquals(1, node.taps.inits.size());
        assertArrayEquals(RECORDING.inits.get(0).bytes(), node.taps.inits.get(0).bytes());
        assertEquals(RECORDING.inits.get(0).tracks(), node.taps.inits.get(0).tracks());
        assertEquals(RECORDING.fragments.subList(25, RECORDING.fragments.size()).stream().map(Fragment::decodeTime).toList(),
                node.taps.fragments.stream().map(Fragment::decodeTime).toList(), "the taps start at the latest keyframe");
        assertArrayEquals(RECORDING.fragments.get(60).bytes(), node.taps.fragments.get(35).bytes());
        assertEquals(1, node.subscriber.snapshots());
    }

    @Test
    void anOwnerThatLostItsLeaseIsNotHeard() {
        InMemoryRelayTransport transport = new InMemoryRelayTransport();
        Owner owner = new Owner(5, transport);
        owner.init(RECORDING.inits.get(0));
        owner.feed(RECORDING.fragments.subList(0, 40));
        Node node = new Node(transport);
        Timeline before = node.mirror.timeline();
        int fragments = node.taps.fragments.size();

        Owner stale = new Owner(4, transport); // cut off, it still believes it owns the camera
        stale.init(RECORDING.inits.get(0));
        stale.feed(RECORDING.fragments.subList(0, 60));

        assertSame(before, node.mirror.timeline());
        assertEquals(fragments, node.taps.fragments.size());
        assertTrue(node.subscriber.synced());
        owner.feed(RECORDING.fragments.subList(40, 60));
        assertSameTimeline(owner.segmenter.timeline(), node.mirror.timeline());
        assertEquals(1, node.subscriber.snapshots());
    }

    @Test
    void aLostMessageBringsASnapshotAndTheMirrorCatchesUp() {
        InMemoryRelayTransport memory = new InMemoryRelayTransport();
        int[] sent = {0, 0};
        // The fifth change of the timeline, and the seventieth picture for the taps, which no mirror would miss.
        Predicate<byte[]> lose = m -> switch (RelayMessage.decode(m).type()) {
            case TIMELINE -> ++sent[0] == 5;
            case TAP_FRAGMENT -> ++sent[1] == 70;
            default -> false;
        };
        RelayTransport lossy = new RelayTransport() {
            @Override
            public void send(String topic, byte[] message) {
                if (!lose.test(message)) {
                    memory.send(topic, message);
                }
            }

            @Override
            public Subscription listen(String topic, Consumer<byte[]> receiver) {
                return memory.listen(topic, receiver);
            }
        };
        Owner owner = new Owner(1, lossy);
        Node node = new Node(lossy);
        owner.init(RECORDING.inits.get(0));
        owner.feed(RECORDING.fragments.subList(0, 80));
        assertTrue(sent[0] > 5 && sent[1] > 70, "changes were lost, and more came after them");
        assertEquals(3, node.subscriber.snapshots(), "one to start, one after each loss");
        assertTrue(node.subscriber.synced());
        owner.feed(RECORDING.fragments.subList(50, RECORDING.fragments.size()));
        assertSameTimeline(owner.segmenter.timeline(), node.mirror.timeline());
    }

    /**
     * The owner dies; a node that mirrored it takes over and continues its timeline under a newer
     * generation; a third node, which followed the first owner, follows the new one into the same
     * playlist, with a discontinuity where the owner changed.
     */
    @Test
    void afterATakeoverEveryNodeFollowsTheNewOwnersContinuedTimeline() {
        InMemoryRelayTransport transport = new InMemoryRelayTransport();
        Owner first = new Owner(1, transport);
        Node taker = new Node(transport);
        Node other = new Node(transport);
        first.init(RECORDING.inits.get(0));
        first.feed(RECORDING.fragments.subList(0, 62));
        first.publisher.close(); // it died
        Timeline before = taker.mirror.timeline();
        taker.subscriber.close(); // it owns the stream now

        HlsSegmenter continued = HlsSegmenter.continuing(before, Duration.ofMillis(200), Duration.ofSeconds(1), 3, CLOCK);
        Owner second = new Owner(continued, 2, transport);
        assertTrue(other.subscriber.synced());
        assertSameTimeline(continued.timeline(), other.mirror.timeline());
        second.init(RECORDING.inits.get(0));
        second.feed(RECORDING.fragments.subList(0, 60));

        Timeline after = other.mirror.timeline();
        assertSameTimeline(second.segmenter.timeline(), after);
        assertEquals(2, other.subscriber.snapshots());
        assertTrue(after.segments().stream().anyMatch(Segment::discontinuity));
        assertNotEquals(before.generation(), after.generation());
        assertTrue(after.segment(before.openMsn()).isPresent(), "the first owner's open parts closed as a segment");
        assertTrue(PLAYLIST.render(after, 0).contains("#EXT-X-DISCONTINUITY\n"));
        assertFalse(after.segments().isEmpty());
    }
}
