package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;

/**
 * Frame timing as real cameras deliver it, not as our simulator does: timestamps with jitter, a
 * camera clock of whole milliseconds, the odd late frame, a dropped one. Every camera here has a
 * keyframe a second; the segmenter runs with the default settings (200 ms parts, 1 s segments).
 */
class JitteryFrameTimingTest {
    static final double CONFIGURED_PART = 0.2;

    /**
     * @param timestamp the decode time of frame i, in the track's timescale; durations are the
     *                  differences, as ffmpeg's fragments carry them
     * @param gop       frames from one keyframe to the next
     */
    record Camera(String name, long timescale, IntToLongFunction timestamp, int gop) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Camera> cameras() {
        return Stream.of(
                // GStreamer's x264 test camera (src/test/python/gst_rtsp_camera.py) as ffmpeg saw it
                new Camera("25 fps, 39.9/40.1 ms alternating, first frame 39.9", 90_000, i -> i * 3600L - (i % 2) * 9, 25),
                new Camera("25 fps, 40.1/39.9 ms alternating, first frame 40.1", 90_000, i -> i * 3600L + (i % 2) * 9, 25),
                new Camera("25 fps, a camera clock of whole ms (39.996 ms frames) at 90 kHz", 90_000,
                        i -> (long) Math.floor(i * 39.996) * 90, 25),
                new Camera("25 fps, every 7th frame 7 ms late (47 then 33 ms)", 90_000, i -> i * 3600L + (i % 7 == 3 ? 630 : 0), 25),
                new Camera("25 fps, the first frame 47 ms and every 7th late", 90_000, i -> i * 3600L + (i % 7 == 1 ? 630 : 0), 25),
                new Camera("25 fps, up to 3 ms of random jitter", 90_000, jitter(3600, 270, 42), 25),
                new Camera("25 fps, a timescale of 1000 (41/39 ms)", 1000, i -> i * 40L + (i % 2), 25),
                new Camera("29.97 fps (3003 ticks)", 90_000, i -> i * 3003L, 30),
                new Camera("30 fps from a millisecond clock (33/34 ms)", 90_000, i -> (long) Math.floor(i * 33.333) * 90, 30),
                new Camera("15 fps, up to 2 ms of random jitter", 90_000, jitter(6000, 180, 7), 15),
                new Camera("12.5 fps, up to 1 ms of random jitter", 90_000, jitter(7200, 90, 11), 13),
                new Camera("60 fps, up to 1 ms of random jitter", 90_000, jitter(1500, 90, 5), 60));
    }

    /** Frame i is captured at i nominal intervals plus a random delay of at most {@code maxTicks}. */
    static IntToLongFunction jitter(long frameTicks, int maxTicks, long seed) {
        long[] delays = new Random(seed).ints(4096, 0, maxTicks + 1).asLongStream().toArray();
        return i -> i * frameTicks + delays[i % delays.length];
    }

    /** Twelve seconds of the camera, as ffmpeg hands them over: one fragment per frame. */
    static HlsSegmenter fed(Camera c) {
        return fed(c, 12, s -> { });
    }

    /** {@code seconds} of the camera; {@code afterEachFrame} sees the segmenter after every frame. */
    static HlsSegmenter fed(Camera c, double seconds, Consumer<HlsSegmenter> afterEachFrame) {
        HlsSegmenter s = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, HlsSegmenterTest.CLOCK);
        s.onInit(new InitSegment(new byte[] {1}, List.of(new TrackInfo(1, "vide", c.timescale(), "avc1.64001f", 640, 360, 0, 0))));
        double fed = 0;
        for (int i = 0; fed < seconds; i++) {
            long start = c.timestamp().applyAsLong(i);
            long duration = c.timestamp().applyAsLong(i + 1) - start;
            s.onFragment(new Fragment(new byte[] {(byte) i}, 1, start, duration, i % c.gop() == 0, 1));
            fed = (double) (start + duration) / c.timescale();
            afterEachFrame.accept(s);
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cameras")
    void everyPartButASegmentsLastFillsAtLeast85PercentOfPartTargetAndNoneExceedsIt(Camera c) {
        Timeline t = fed(c).timeline();
        double target = t.partTarget();
        assertTrue(target > 0 && target <= CONFIGURED_PART * 1.1, c + ": PART-TARGET " + target + " strays from the configured 0.2 s");
        assertEquals(7, t.segments().size(), c + ": segments in the window");
        for (Segment seg : t.segments()) {
            List<Part> parts = seg.parts();
            for (int i = 0; i < parts.size(); i++) {
                double d = parts.get(i).duration();
                // RFC 8216bis 4.4.4.9: "The duration of a Partial Segment MUST be less than or equal to the Part Target Duration."
                assertTrue(d <= target + 1e-9, c + ": segment " + seg.msn() + " part " + i + " lasts " + d + " > PART-TARGET " + target);
                // RFC 8216bis 4.4.4.9 (draft 22) and Apple: at least 85 % of the Part Target Duration, but for a
                // segment's final part. hls-parser does not exempt independent parts, so neither do we.
                if (i < parts.size() - 1) {
                    assertTrue(d >= 0.85 * target - 1e-9, c + ": segment " + seg.msn() + " part " + i + " lasts " + d
                            + " < 85 % of PART-TARGET " + target);
                }
            }
        }
        for (Part p : t.openParts()) {
            // a strict parser sees the open segment's parts followed by the preload hint: none of them is its last
            assertTrue(p.duration() <= target + 1e-9 && p.duration() >= 0.85 * target - 1e-9,
                    c + ": open part " + p.index() + " lasts " + p.duration() + " for PART-TARGET " + target);
        }
    }

    /**
     * A dropped frame reaches us as a frame lasting two intervals. Where it straddles a part boundary no
     * whole-frame cut keeps both bounds: four frames fall short of 85 %, five exceed PART-TARGET. The
     * ceiling is the MUST that players rely on, so only the part the hole cut short misses the floor.
     */
    @Test
    void aDroppedFrameShortensOnlyThePartItInterrupts() {
        Camera c = new Camera("25 fps, a frame dropped every 49", 90_000, i -> (i + i / 49) * 3600L, 25);
        Timeline t = fed(c).timeline();
        int short_ = 0;
        for (Segment seg : t.segments()) {
            List<Part> parts = seg.parts();
            for (int i = 0; i < parts.size(); i++) {
                assertTrue(parts.get(i).duration() <= t.partTarget() + 1e-9, "segment " + seg.msn() + " part " + i);
                if (i < parts.size() - 1 && parts.get(i).duration() < 0.85 * t.partTarget() - 1e-9) {
                    short_++;
                    assertEquals(0.16, parts.get(i).duration(), 1e-9, "four frames, cut before the long one");
                    assertEquals(0.2, parts.get(i + 1).duration(), 1e-9, "the long frame and three more make the next part");
                }
            }
        }
        assertTrue(short_ <= 4, short_ + " short parts for 4 dropped frames");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cameras")
    void segmentsFollowTheOneSecondGopDespiteJitter(Camera c) {
        Timeline t = fed(c).timeline();
        // A GOP that jitter left a fraction of a frame short of the 1 s minimum still ends its segment.
        assertEquals(1, t.targetDuration(), c + ": TARGETDURATION");
        for (Segment seg : t.segments()) {
            // Apple's HLS authoring specification 7.4: "Video segments MUST start with an IDR frame."
            assertTrue(seg.parts().get(0).independent(), c + ": segment " + seg.msn() + " does not start with a keyframe");
            // RFC 8216bis 4.4.3.1: EXTINF rounded to the nearest integer MUST be <= TARGETDURATION.
            assertTrue(Math.round(seg.duration()) <= t.targetDuration(), c + ": segment " + seg.msn() + " lasts " + seg.duration());
        }
    }
}
