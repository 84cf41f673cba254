package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fieldcast.fmp4.Fmp4Fixture;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.Mp4FormatException;
import org.fieldcast.fmp4.TrackInfo;
import org.junit.jupiter.api.Test;

class TimelineDeltaTest {
    static final InitSegment INIT = new InitSegment(new byte[] {9}, List.of(new TrackInfo(1, "vide", 90000, "avc1.42c00b", 160, 90, 0, 0)));
    static final Part CLOSED = new Part(5000, 100, 0, new byte[] {1, 2}, 0.2, true);
    static final Part OPEN = new Part(5001, 101, 0, new byte[] {3}, 0.2, true);
    static final Timeline SMALL = new Timeline(1, 0.216,
            List.of(new Segment(100, List.of(CLOSED), 1.0, Instant.ofEpochSecond(1767225600), false, 7)),
            101, List.of(OPEN), 0, Map.of(7, INIT), 5002, 7);

    /** The layout other nodes read, field by field (see TimelineDelta's comment). */
    @Test
    void aWholeTimelineIsWrittenInTheDocumentedLayout() {
        String expected = String.join("",
                "01", "01", // version, whole
                "00000001", "3fcba5e353f7ced9", // TARGETDURATION 1, PART-TARGET 0.216
                "0000000000000065", "0000000000000000", "000000000000138a", "00000007", // open msn 101, disc. seq. 0, next part 5002, generation 7
                "00000000", // no init kept
                "00000001", "00000007", "00000001", "09", "01", // one new init: generation 7, 1 byte, 1 track
                "00000001", "0004", "76696465", "0000000000015f90", "000b", "617663312e3432633030 62".replace(" ", ""),
                "000000a0", "0000005a", "0000000000000000", "0000000000000000", // track 1 vide 90000 avc1.42c00b 160x90
                "00000000", "00000001", // none dropped, one segment closed:
                "0000000000000064", "3ff0000000000000", "000000006955b900", "00000000", "00", "00000007", // msn 100, 1.0 s, 2026-01-01, generation 7
                "00000001", "01", "0000000000001388", "0000000000000064", "00000000", "3fc999999999999a", "01", "00000002", "0102",
                "00000001", "01", "0000000000001389", "0000000000000065", "00000000", "3fc999999999999a", "01", "00000001", "03");
        assertEquals(expected, HexFormat.of().formatHex(TimelineDelta.whole(SMALL).encode()));
    }

    @Test
    void aPartTheReceiverHoldsTravelsAsItsIdAlone() {
        Part next = new Part(5002, 101, 1, new byte[] {4}, 0.2, false);
        Timeline after = new Timeline(1, 0.216, SMALL.segments(), 101, List.of(OPEN, next), 0, SMALL.inits(), 5003, 7);
        String hex = HexFormat.of().formatHex(TimelineDelta.between(SMALL, after).encode());
        String parts = "00000002" + "00" + "0000000000001389" + "01" + "000000000000138a" + "0000000000000065" + "00000001"
                + "3fc999999999999a" + "00" + "00000001" + "04";
        assertTrue(hex.startsWith("0100"), "not whole: " + hex);
        assertTrue(hex.endsWith("00000001" + "00000007" + "00000000" + "00000000" + "00000000" + parts), hex);
    }

    /** Each timeline the segmenter publishes, sent as a change from the one before, is made again the same. */
    @Test
    void aMirrorFedTheChangesHoldsTheSegmentersTimelines() {
        HlsSegmenter owner = new HlsSegmenter(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(1), 3,
                HlsSegmenterTest.CLOCK); // a short window, so that it moves on within the recording
        HlsMirror fromStart = new HlsMirror(0.2);
        HlsMirror late = new HlsMirror(0.2);
        List<Timeline> published = new ArrayList<>();
        owner.onTimeline(t -> {
            Timeline before = published.isEmpty() ? fromStart.timeline() : published.get(published.size() - 1);
            published.add(t);
            fromStart.apply(TimelineDelta.decode(TimelineDelta.between(before, t).encode()));
            if (published.size() == 23) {
                late.apply(TimelineDelta.decode(TimelineDelta.whole(t).encode())); // joins mid-stream
            } else if (published.size() > 23) {
                late.apply(TimelineDelta.decode(TimelineDelta.between(before, t).encode()));
            }
            assertSame(t, fromStart.timeline());
            if (published.size() >= 23) {
                assertSame(t, late.timeline());
            }
        });
        Fmp4Fixture f = Fmp4Fixture.parse(8192);
        owner.onInit(f.inits.get(0));
        f.fragments.forEach(owner::onFragment);
        owner.onInit(f.inits.get(0)); // a restart: a new generation and a discontinuity
        f.fragments.forEach(owner::onFragment);
        assertTrue(published.size() > 40, "published " + published.size());
        assertTrue(owner.timeline().segments().stream().anyMatch(Segment::discontinuity));
        assertTrue(owner.timeline().firstMsn() > published.get(0).openMsn(), "the window moved on");
        MediaPlaylist playlist = new MediaPlaylist(3);
        assertEquals(playlist.render(owner.timeline(), 2), playlist.render(late.timeline(), 2));
    }

    /** Equal as another node sees it: the same whole encoding, bytes of every part included. */
    static void assertSame(Timeline expected, Timeline actual) {
        assertArrayEquals(TimelineDelta.whole(expected).encode(), TimelineDelta.whole(actual).encode());
    }

    @Test
    void aChangeToATimelineNotHeldAsksForAWholeOne() {
        Part next = new Part(5002, 101, 1, new byte[] {4}, 0.2, false);
        Timeline after = new Timeline(1, 0.216, SMALL.segments(), 101, List.of(OPEN, next), 0, SMALL.inits(), 5003, 7);
        HlsMirror mirror = new HlsMirror(0.2);
        TimelineDelta change = TimelineDelta.decode(TimelineDelta.between(SMALL, after).encode());
        assertThrows(TimelineDelta.MissingBase.class, () -> mirror.apply(change));
        mirror.apply(TimelineDelta.decode(TimelineDelta.whole(after).encode()));
        assertSame(after, mirror.timeline());
    }

    @Test
    void garbageIsRefusedNotApplied() {
        byte[] good = TimelineDelta.whole(SMALL).encode();
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
        assertThrows(Mp4FormatException.class, () -> TimelineDelta.decode(cut));
        byte[] otherVersion = good.clone();
        otherVersion[0] = 2;
        assertThrows(Mp4FormatException.class, () -> TimelineDelta.decode(otherVersion));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrows(Mp4FormatException.class, () -> TimelineDelta.decode(longer));
    }

    @Test
    void aWaitingRequestIsAnsweredByTheChangeThatSatisfiesIt() {
        HlsMirror mirror = new HlsMirror(0.2);
        var held = mirror.await(t -> t.nextPartId() > 5001);
        mirror.apply(TimelineDelta.whole(SMALL));
        assertTrue(held.isDone());
        assertEquals(5002, held.join().nextPartId());
    }
}
