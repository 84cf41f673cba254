package org.fieldcast.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TelemetryRateTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final TelemetryRate rate = new TelemetryRate(2, now::get);

    @Test
    void aPlayerReportingEveryFiveSecondsAlwaysPasses() {
        for (int i = 0; i < 100; i++) {
            assertTrue(rate.allow("cam-a"));
            now.addAndGet(5_000_000_000L);
        }
    }

    @Test
    void aFloodIsCutToTheRatePerCamera() {
        int passed = 0;
        for (int i = 0; i < 1000; i++) { // 1000 reports in 10 s
            passed += rate.allow("cam-a") ? 1 : 0;
            now.addAndGet(10_000_000L);
        }
        assertTrue(passed >= 20 && passed <= 22, "2 a second, plus the first burst: " + passed);
        assertTrue(rate.allow("cam-b"), "another camera has its own allowance");
    }

    @Test
    void theBurstIsTheRateAndNoMore() {
        assertTrue(rate.allow("cam-a"));
        assertTrue(rate.allow("cam-a"));
        assertFalse(rate.allow("cam-a"));
        now.addAndGet(3_600_000_000_000L); // an hour of silence saves nothing up
        assertTrue(rate.allow("cam-a"));
        assertTrue(rate.allow("cam-a"));
        assertFalse(rate.allow("cam-a"));
    }

    @Test
    void aRateBelowOneStillLetsOneThrough() {
        TelemetryRate slow = new TelemetryRate(0.2, now::get);
        assertTrue(slow.allow("cam-a"));
        assertFalse(slow.allow("cam-a"));
        now.addAndGet(5_000_000_000L);
        assertTrue(slow.allow("cam-a"));
        assertEquals(false, slow.allow("cam-a"));
    }
}
