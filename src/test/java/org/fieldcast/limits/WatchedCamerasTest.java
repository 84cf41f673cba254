package org.fieldcast.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WatchedCamerasTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final WatchedCameras watched = new WatchedCameras(now::get);

    @Test
    void anAddressWatchesWhatItAskedForLatelyAndNothingElse() {
        watched.seen("192.0.2.1", "cam-a");

        assertTrue(watched.watching("192.0.2.1", "cam-a"));
        assertFalse(watched.watching("192.0.2.1", "cam-b"));
        assertFalse(watched.watching("192.0.2.2", "cam-a"));
        assertFalse(watched.watching(null, "cam-a"), "a socket whose address is unknown watches nothing");

        now.addAndGet(WatchedCameras.MEMORY.toNanos() + 1);
        assertFalse(watched.watching("192.0.2.1", "cam-a"), "a player gone for longer than the memory");
    }

    @Test
    void oldEntriesAreDroppedWithoutATimer() {
        for (int i = 0; i < 100; i++) {
            watched.seen("192.0.2." + i, "cam-a");
        }
        now.addAndGet(2 * WatchedCameras.MEMORY.toNanos());
        watched.seen("192.0.2.200", "cam-a");
        assertEquals(1, watched.size());
    }
}
