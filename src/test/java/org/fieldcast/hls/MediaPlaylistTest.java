package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.fieldcast.fmp4.Fmp4Fixture;

class MediaPlaylistTest {

    /** Two seconds and three parts of the recording: segments 0 and 1 complete, three parts of segment 2. */
    static Timeline recordedTimeline() {
        HlsSegmenter s = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, HlsSegmenterTest.CLOCK);
        Fmp4Fixture f = Fmp4Fixture.parse(8192);
        s.onInit(f.inits.get(0));
        f.fragments.subList(0, 65).forEach(s::onFragment);
        return s.timeline();
    }

    @Test
    void rendersTheGoldenPlaylist() {
        String expected = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:1
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.648,CAN-SKIP-UNTIL=6.0
                #EXT-X-PART-INF:PART-TARGET=0.216
                #EXT-X-MEDIA-SEQUENCE:1767225600
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-MAP:URI="init-767225601.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600000.m4s",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600001.m4s"
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600002.m4s"
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600003.m4s"
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600004.m4s"
                #EXTINF:1.0,
                seg-1767225600.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:01Z
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600005.m4s",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600006.m4s"
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600007.m4s"
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600008.m4s"
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600009.m4s"
                #EXTINF:1.0,
                seg-1767225601.m4s
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600010.m4s",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600011.m4s"
                #EXT-X-PART:DURATION=0.2,URI="part-1767225600012.m4s"
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="part-1767225600013.m4s"
                """;
        assertEquals(expected, new MediaPlaylist(3).render(recordedTimeline(), 0));
    }

    @Test
    void partHoldBackBelowTwoPartsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MediaPlaylist(1.5));
    }

    @Test
    void aDeltaUpdateSkipsSegmentsOlderThanSixTargetDurations() {
        HlsSegmenter s = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 10, HlsSegmenterTest.CLOCK);
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 25 * 10 + 3, 25);
        Timeline t = s.timeline();
        assertEquals(10, t.segments().size());
        int skip = MediaPlaylist.skippable(t);
        assertEquals(4, skip, "10 one-second segments: the last 6 s stay, the 4 before them may go");
        String delta = new MediaPlaylist(3).render(t, skip);
        assertTrue(delta.contains("#EXT-X-VERSION:9\n"));
        assertTrue(delta.contains("#EXT-X-SKIP:SKIPPED-SEGMENTS=4\n"));
        assertFalse(delta.contains("seg-" + t.segments().get(3).msn() + ".m4s"));
        assertTrue(delta.contains("seg-" + t.segments().get(4).msn() + ".m4s"));
        assertTrue(delta.contains("#EXT-X-MAP:"), "the map still precedes the first listed segment");
    }

    @Test
    void partsOlderThanThreeTargetDurationsAreLeftOut() {
        HlsSegmenter s = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, HlsSegmenterTest.CLOCK);
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 25 * 7, 25);
        String playlist = new MediaPlaylist(3).render(s.timeline(), 0);
        long oldest = s.timeline().segments().get(0).msn();
        assertFalse(playlist.contains("part-" + oldest + "."));
        assertTrue(playlist.contains("seg-" + oldest + ".m4s"), "its full segment stays for plain HLS players");
    }

    @Test
    void partsStayOnTheOpenSegmentAndAtMostTheTwoCompleteOnesBeforeIt() {
        HlsSegmenter s = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, HlsSegmenterTest.CLOCK);
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 25 * 7 + 1, 25); // seven segments; the open one has no part yet
        Timeline t = s.timeline();
        assertTrue(t.openParts().isEmpty());
        String playlist = new MediaPlaylist(3).render(t, 0);
        long withParts = t.segments().stream().filter(seg -> playlist.contains("part-" + seg.parts().get(0).id() + ".m4s")).count();
        assertEquals(2, withParts, "with the segment being built (the hint), three segments carry parts:\n" + playlist);
        assertTrue(playlist.contains("part-" + t.segments().get(6).parts().get(0).id() + ".m4s"));
        assertTrue(playlist.contains("part-" + t.segments().get(5).parts().get(0).id() + ".m4s"));
    }

    @Test
    void aDiscontinuityIsMarkedWithTheNewInit() {
        HlsSegmenter s = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, HlsSegmenterTest.CLOCK);
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 50, 25);
        HlsSegmenterTest.feedFrames(s, 90000, 3600, 50, 25);
        String playlist = new MediaPlaylist(3).render(s.timeline(), 0);
        int disc = playlist.indexOf("#EXT-X-DISCONTINUITY\n");
        assertTrue(disc > 0);
        assertTrue(playlist.indexOf("#EXT-X-MAP:URI=\"init-" + s.timeline().generation() + ".mp4\"") > disc);
    }
}
