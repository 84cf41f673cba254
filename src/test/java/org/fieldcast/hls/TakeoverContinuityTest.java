package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node that takes a camera over continues the timeline its mirror held of the previous owner's:
 * to a player the failover looks like the camera reconnecting, not like a new stream.
 */
class TakeoverContinuityTest {
    private final Instant[] now = {HlsSegmenterTest.CLOCK.instant()};
    private final Clock wall = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now[0];
        }
    };

    private HlsSegmenter segmenter() {
        return new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, wall);
    }

    /** The previous owner's window, as a mirror holds it, 4 s and 12 frames (two parts and a bit) into the stream. */
    private Timeline mirrored() {
        HlsSegmenter owner = segmenter();
        HlsMirror mirror = new HlsMirror(0.2);
        Timeline[] last = {mirror.timeline()};
        owner.onTimeline(t -> {
            mirror.apply(TimelineDelta.between(last[0], t));
            last[0] = t;
        });
        HlsSegmenterTest.feedFrames(owner, 90000, 3600, 25 * 4 + 12, 25);
        return mirror.timeline();
    }

    @Test
    void theNewOwnerNumbersOnWithADiscontinuity() {
        Timeline before = mirrored();
        assertEquals(2, before.openParts().size());
        now[0] = now[0].plusSeconds(6); // four seconds of frames, two to notice and take over
        HlsSegmenter next = HlsSegmenter.continuing(before, Duration.ofMillis(200), Duration.ofSeconds(1), 7, wall);
        HlsSegmenterTest.feedFrames(next, 90000, 3600, 25 * 2 + 7, 25);
        Timeline after = next.timeline();

        assertEquals(7, after.segments().size());
        assertEquals(before.firstMsn(), after.firstMsn(), "the window is kept");
        Segment inherited = after.segment(before.openMsn()).orElseThrow();
        assertEquals(before.openParts(), inherited.parts(), "what was open closes as the last segment before the break");
        assertFalse(inherited.discontinuity());
        Segment first = after.segment(before.openMsn() + 1).orElseThrow();
        assertTrue(first.discontinuity(), "EXT-X-DISCONTINUITY before the new owner's first segment");
        assertEquals(before.generation() + 1, first.generation(), "a new EXT-X-MAP");
        assertEquals(before.nextPartId(), first.parts().get(0).id(), "parts number on from the preload hint");
        assertEquals(before.targetDuration(), after.targetDuration());
        assertEquals(before.partTarget(), after.partTarget(), 0);
        assertEquals(before.inits().get(before.generation()), after.inits().get(before.generation()));
    }

    @Test
    void theContinuedPlaylistKeepsEveryRule() {
        Timeline before = mirrored();
        now[0] = now[0].plusSeconds(6);
        HlsSegmenter next = HlsSegmenter.continuing(before, Duration.ofMillis(200), Duration.ofSeconds(1), 7, wall);
        HlsSegmenterTest.feedFrames(next, 90000, 3600, 25 * 3 + 7, 25);
        String text = LowLatencyRulesTest.PLAYLIST.render(next.timeline(), 0);
        assertTrue(text.contains("#EXT-X-DISCONTINUITY\n"), text);
        assertEquals(List.of(), LowLatencyRules.violations(text, List.of(LowLatencyRules.FULL_WINDOW)), text);
    }

    /** A new owner whose clock is behind the old one's still dates its segments after theirs. */
    @Test
    void datesNeverGoBackWhenTheNewOwnersClockIsBehind() {
        Timeline before = mirrored();
        now[0] = now[0].minusSeconds(3);
        HlsSegmenter next = HlsSegmenter.continuing(before, Duration.ofMillis(200), Duration.ofSeconds(1), 7, wall);
        HlsSegmenterTest.feedFrames(next, 90000, 3600, 25 * 3 + 7, 25);
        String text = LowLatencyRulesTest.PLAYLIST.render(next.timeline(), 0);
        assertEquals(List.of(), LowLatencyRules.violations(text, List.of()), text);
    }
}
