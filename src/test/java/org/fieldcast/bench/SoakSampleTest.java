package org.fieldcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakSampleTest {
    private static final SoakSample.Series THREADS = SoakSample.SERIES.get(0);

    /** Work that rises over the run: threads that only follow it have no slope beyond it; a leak does. */
    @Test
    void theSlopeBeyondTheWorkSeparatesFollowingFromLeaking() {
        List<SoakSample> following = new ArrayList<>();
        List<SoakSample> leaking = new ArrayList<>();
        for (int minute = 0; minute <= 30; minute++) {
            int ffmpeg = 10 + minute / 3 + (minute % 4 == 0 ? 5 : 0); // rises, with bursts
            following.add(sample(minute, 50 + 5 * ffmpeg, ffmpeg));
            leaking.add(sample(minute, 50 + 5 * ffmpeg + 2 * minute, ffmpeg));
        }
        double raw = SoakSample.slopePer10Minutes(following, THREADS, 5);
        assertTrue(raw > 10, "the raw slope follows the work: " + raw);
        assertEquals(0.0, SoakSample.slopeBeyondWorkPer10Minutes(following, THREADS, 5), 1e-6);
        assertEquals(20.0, SoakSample.slopeBeyondWorkPer10Minutes(leaking, THREADS, 5), 1e-6);
    }

    private static SoakSample sample(double minute, int threads, int ffmpeg) {
        return new SoakSample(minute, threads, 0, 0, 0, 0, ffmpeg);
    }
}
