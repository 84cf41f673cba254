package org.fieldcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MseClientTest {
    private static final long END = 100_000; // the throttle ends here

    /** A backlog drained over 1.2 s: back under 300 ms at the first fragment from which all stay under. */
    @Test
    void recoveryIsTheFirstArrivalFromWhichEveryDelayStaysUnderTheLimit() {
        List<MseClient.Arrival> a = new ArrayList<>();
        a.add(fragment(END - 40, 2000)); // during the throttle: not counted
        a.add(fragment(END + 400, 1500));
        a.add(fragment(END + 800, 250)); // under, but the next one is over again
        a.add(fragment(END + 1000, 320));
        a.add(fragment(END + 1200, 100));
        a.add(fragment(END + 1240, 40));
        assertEquals(1200, MseClient.recoveryMillis(a, END, END + 5000, 300));
    }

    @Test
    void aViewerNeverOverTheLimitRecoversAtOnce() {
        assertEquals(0, MseClient.recoveryMillis(List.of(fragment(END + 40, 30), fragment(END + 80, 35)), END, END + 5000, 300));
    }

    @Test
    void aViewerStillOverTheLimitAtTheEndHasNotRecovered() {
        assertTrue(Double.isNaN(MseClient.recoveryMillis(List.of(fragment(END + 40, 30), fragment(END + 80, 900)), END, END + 5000, 300)));
        assertTrue(Double.isNaN(MseClient.recoveryMillis(List.of(), END, END + 5000, 300)));
    }

    @Test
    void arrivalsAfterTheWindowDoNotCount() {
        List<MseClient.Arrival> a = List.of(fragment(END + 100, 20), fragment(END + 6000, 900));
        assertEquals(0, MseClient.recoveryMillis(a, END, END + 5000, 300));
    }

    private static MseClient.Arrival fragment(long at, long delay) {
        return new MseClient.Arrival(at, at - delay, 1000, false, false);
    }
}
