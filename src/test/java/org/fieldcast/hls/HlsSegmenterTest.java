package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.fieldcast.fmp4.Fmp4Fixture;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;

class HlsSegmenterTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    static HlsSegmenter segmenter() {
        return new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, CLOCK);
    }

    /** Feeds synthetic video frames: {@code fps} frames a second, a keyframe every {@code gop} frames. */
    static void feedFrames(HlsSegmenter s, long timescale, long frameTicks, int frames, int gop) {
        s.onInit(new InitSegment(new byte[] {1}, List.of(new TrackInfo(1, "vide", timescale, "avc1.42c00b", 160, 90, 0, 0))));
        for (int i = 0; i < frames; i++) {
            s.onFragment(new Fragment(new byte[] {(byte) i}, 1, i * frameTicks, frameTicks, i % gop == 0, 1));
        }
    }

    @Test
    void cutsTheRecordingIntoOneSecondSegmentsOfFiveParts() {
        HlsSegmenter s = segmenter();
        Fmp4Fixture f = Fmp4Fixture.parse(8192);
        s.onInit(f.inits.get(0));
        f.fragments.forEach(s::onFragment);
        Timeline t = s.timeline();
        assertEquals(1, t.targetDuration());
        assertEquals(0.216, t.partTarget(), 1e-9, "five 40 ms frames and 8 % for jitter");
        long first = CLOCK.instant().getEpochSecond();
        assertEquals(List.of(first, first + 1, first + 2), t.segments().stream().map(Segment::msn).toList());
        for (Segment seg : t.segments()) {
            assertEquals(1.0, seg.duration(), 1e-9);
            assertEquals(5, seg.parts().size());
            assertTrue(seg.parts().get(0).independent(), "a segment starts with a keyframe");
            assertTrue(seg.parts().stream().skip(1).noneMatch(Part::independent));
            seg.parts().forEach(p -> assertEquals(0.2, p.duration(), 1e-9));
        }
        assertEquals(first + 3, t.openMsn());
        assertEquals(5, t.openParts().size(), "the last frame of a part closes it at once, not one frame late");
    }

    @Test
    void segmentBytesAreTheFragmentsInOrder() {
        HlsSegmenter s = segmenter();
        Fmp4Fixture f = Fmp4Fixture.parse(8192);
        s.onInit(f.inits.get(0));
        f.fragments.forEach(s::onFragment);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        f.fragments.subList(25, 50).forEach(fr -> expected.writeBytes(fr.bytes()));
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        s.timeline().segments().get(1).parts().forEach(p -> actual.writeBytes(p.bytes()));
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }

    @Test
    void dropsFramesBeforeTheFirstKeyframe() {
        HlsSegmenter s = segmenter();
        s.onInit(new InitSegment(new byte[] {1}, List.of(new TrackInfo(1, "vide", 90000, "avc1", 1, 1, 0, 0))));
        for (int i = 0; i < 80; i++) {
            s.onFragment(new Fragment(new byte[] {(byte) i}, 1, i * 3600L, 3600, i == 10 || i == 35 || i == 60, 1));
        }
        Segment first = s.timeline().segments().get(0);
        assertArrayEquals(new byte[] {10, 11, 12, 13, 14}, first.parts().get(0).bytes(), "the stream starts at the first keyframe");
    }

    @Test
    void partsAreWholeFramesAtLeast85PercentOfTheAdvertisedTarget() {
        for (int fps : new int[] {25, 30, 15, 12, 10, 8, 5, 2}) {
            HlsSegmenter s = segmenter();
            long timescale = 90000;
            feedFrames(s, timescale, timescale / fps, fps * 8, fps);
            Timeline t = s.timeline();
            double frame = 1.0 / fps;
            assertTrue(t.partTarget() <= Math.max(0.2, frame) * (1 + HlsSegmenter.JITTER_HEADROOM) + 0.001,
                    fps + " fps: target " + t.partTarget());
            for (Segment seg : t.segments()) {
                List<Part> parts = seg.parts();
                for (int i = 0; i < parts.size(); i++) {
                    Part p = parts.get(i);
                    assertTrue(p.duration() <= t.partTarget() + 1e-6, fps + " fps: part longer than PART-TARGET");
                    if (i < parts.size() - 1) {
                        assertTrue(p.duration() >= 0.85 * t.partTarget() - 1e-6, fps + " fps: part " + i + " too short");
                    }
                }
            }
        }
    }

    @Test
    void aPartHoldingAKeyframeAnywhereSaysIndependent() {
        HlsSegmenter s = segmenter();
        s.onInit(new InitSegment(new byte[] {1}, List.of(new TrackInfo(1, "vide", 90000, "avc1", 1, 1, 0, 0))));
        for (int i = 0; i < 60; i++) { // an extra keyframe at frame 12, too early to end the segment
            s.onFragment(new Fragment(new byte[] {(byte) i}, 1, i * 3600L, 3600, i % 25 == 0 || i == 12, 1));
        }
        List<Part> parts = s.timeline().segments().get(0).parts();
        assertArrayEquals(new byte[] {10, 11, 12, 13, 14}, parts.get(2).bytes());
        assertTrue(parts.get(2).independent(), "RFC 8216bis 4.4.4.9: it contains an independent frame");
        assertFalse(parts.get(1).independent());
        assertFalse(parts.get(3).independent());
    }

    @Test
    void targetDurationNeverGrowsWhenTheGopDoes() {
        HlsSegmenter s = segmenter();
        s.onInit(new InitSegment(new byte[] {1}, List.of(new TrackInfo(1, "vide", 90000, "avc1", 1, 1, 0, 0))));
        int frame = 0;
        for (int gop : new int[] {25, 25, 100, 100, 25}) { // the camera switches to a 4 s GOP and back
            for (int i = 0; i < gop; i++, frame++) {
                s.onFragment(new Fragment(new byte[1], 1, frame * 3600L, 3600, i == 0, 1));
            }
        }
        Timeline t = s.timeline();
        assertEquals(1, t.targetDuration());
        t.segments().forEach(seg -> assertTrue(Math.round(seg.duration()) <= t.targetDuration(),
                "EXTINF " + seg.duration() + " rounds above TARGETDURATION"));
    }

    @Test
    void aNewFfmpegRunContinuesTheSequenceWithADiscontinuity() {
        HlsSegmenter s = segmenter();
        feedFrames(s, 90000, 3600, 60, 25);
        long before = s.timeline().openMsn();
        feedFrames(s, 90000, 3600, 60, 25); // restart: timestamps start again at zero
        Timeline t = s.timeline();
        int secondRun = t.generation();
        Segment firstOfNewRun = t.segments().stream().filter(seg -> seg.generation() == secondRun).findFirst().orElseThrow();
        assertTrue(firstOfNewRun.discontinuity());
        assertEquals(before + 1, firstOfNewRun.msn(), "the open segment of the old run is closed, numbering goes on");
        assertEquals(2, t.inits().size(), "both init segments are still referenced");
        assertFalse(t.segments().get(0).discontinuity());
    }

    @Test
    void theWindowIsBoundedAndCountsDiscontinuitiesThatLeaveIt() {
        HlsSegmenter s = segmenter();
        feedFrames(s, 90000, 3600, 100, 25);
        feedFrames(s, 90000, 3600, 400, 25);
        Timeline t = s.timeline();
        assertEquals(7, t.segments().size());
        assertEquals(1, t.discontinuitySequence());
        assertEquals(1, t.inits().size(), "the old run's init left with its segments");
    }

    @Test
    void waitersCompleteWhenTheirPartArrives() {
        HlsSegmenter s = segmenter();
        CompletableFuture<Timeline> firstSegment = s.await(Timeline::playable);
        long second = CLOCK.instant().getEpochSecond() + 1;
        CompletableFuture<Timeline> part = s.await(t -> t.hasPartOrLater(second, 2));
        feedFrames(s, 90000, 3600, 30, 25);
        assertTrue(firstSegment.isDone());
        assertFalse(part.isDone(), "segment 1 has only one part so far");
        feedFrames(s, 90000, 3600, 0, 25);
        s.onFragment(new Fragment(new byte[1], 1, 0, 3600, true, 1));
        for (int i = 1; i < 15; i++) {
            s.onFragment(new Fragment(new byte[1], 1, i * 3600L, 3600, false, 1));
        }
        assertTrue(part.isDone());
    }

    @Test
    void aPartPastTheEndOfItsSegmentIsSatisfiedByTheNextSegmentsFirstPart() {
        HlsSegmenter s = segmenter();
        feedFrames(s, 90000, 3600, 25, 25); // one second: segment 0's five parts, nothing after
        long first = CLOCK.instant().getEpochSecond();
        Timeline t = s.timeline();
        assertFalse(t.hasPartOrLater(first, 5), "part 5 of segment 0 may still come");
        s.onFragment(new Fragment(new byte[1], 1, 25 * 3600L, 3600, true, 1)); // a keyframe: segment 1 begins
        t = s.timeline();
        assertFalse(t.hasPartOrLater(first, 5), "segment 0 ended, but no later part exists yet");
        for (int i = 26; i < 30; i++) {
            s.onFragment(new Fragment(new byte[1], 1, i * 3600L, 3600, false, 1));
        }
        t = s.timeline();
        assertTrue(t.hasPartOrLater(first, 5), "segment 1's first part is the 'or later'");
        Part hinted = t.partById(t.openParts().get(0).id()).orElseThrow();
        assertEquals(first + 1, hinted.msn());
        assertEquals(0, hinted.index());
        assertEquals(t.segments().get(0).parts().get(4).id() + 1, hinted.id(), "part ids run on across segments");
    }
}
