package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;

class MediaMeterTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final MediaMeter meter = new MediaMeter(now::get);

    @Test
    void measuresFramesAndBitsOverTheLastTwoSeconds() {
        meter.onInit(new InitSegment(new byte[0], List.of(
                new TrackInfo(1, "vide", 90000, "avc1", 1, 1, 0, 0), new TrackInfo(2, "soun", 48000, "mp4a.40.2", 0, 0, 0, 0))));
        for (int i = 0; i < 75; i++) { // 3 s at 25 fps, 10 kB a frame, plus 250 bytes of audio each
            meter.onFragment(new Fragment(new byte[10_000], 1, i, 3600, i % 25 == 0, 1));
            meter.onFragment(new Fragment(new byte[250], 2, i, 1920, true, 1));
            now.addAndGet(40_000_000L);
        }
        assertEquals(25.0, meter.fps(), 0.6);
        assertEquals(25 * 10_250 * 8, meter.bitsPerSecond(), 25 * 10_250 * 8 * 0.03);
        assertEquals(40, meter.lastFrameAgeMillis());
    }

    @Test
    void aStallShowsAsAGrowingFrameAgeAndFallingRates() {
        meter.onInit(new InitSegment(new byte[0], List.of(new TrackInfo(1, "vide", 90000, "avc1", 1, 1, 0, 0))));
        assertEquals(-1, meter.lastFrameAgeMillis());
        meter.onFragment(new Fragment(new byte[100], 1, 0, 3600, true, 1));
        now.addAndGet(3_500_000_000L);
        assertEquals(3500, meter.lastFrameAgeMillis());
        assertEquals(0.0, meter.fps());
        assertEquals(0, meter.bitsPerSecond());
    }
}
