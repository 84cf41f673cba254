package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The dome's mechanics on a clock the test turns. */
class PtzHeadTest {
    private final AtomicLong now = new AtomicLong();
    private final PtzHead head = new PtzHead(now::get);

    private void seconds(double s) {
        now.addAndGet((long) (s * TimeUnit.SECONDS.toNanos(1)));
    }

    @Test
    void panRightAtTopSpeedTurnsNinetyDegreesASecondAndWraps() {
        head.setSpeed(15, 0, 0);
        seconds(1);
        assertEquals(90, head.position().pan(), 1e-6);
        seconds(3);
        assertEquals(0, head.position().pan(), 1e-6, "360 wraps to 0");
        head.setSpeed(-15, 0, 0);
        seconds(1);
        assertEquals(270, head.position().pan(), 1e-6);
    }

    @Test
    void aSpeedRunsUntilTheNextOneLikeARealDome() {
        head.setSpeed(5, 0, 0);
        seconds(10);
        assertTrue(head.moving());
        head.setSpeed(0, 0, 0);
        double stopped = head.position().pan();
        seconds(10);
        assertEquals(stopped, head.position().pan(), 1e-9);
        assertFalse(head.moving());
    }

    @Test
    void tiltAndZoomStopAtTheirLimits() {
        head.setSpeed(0, 15, 7); // up and in
        seconds(60);
        assertEquals(PtzHead.TILT_MIN, head.position().tilt(), 1e-9);
        assertEquals(PtzHead.ZOOM_MAX, head.position().zoom(), 1e-9);
        head.setSpeed(0, -15, -7);
        seconds(600);
        assertEquals(PtzHead.TILT_MAX, head.position().tilt(), 1e-9);
        assertEquals(PtzHead.ZOOM_MIN, head.position().zoom(), 1e-9);
    }

    @Test
    void zoomingInSlowsPanning() {
        head.setSpeed(0, 0, 7);
        seconds(0.5);
        double zoom = head.position().zoom();
        head.setSpeed(15, 0, 0);
        seconds(1);
        assertEquals(90 / zoom, head.position().pan(), 1e-6);
    }

    @Test
    void aRecalledPresetIsReachedAndHeld() {
        head.setSpeed(15, -15, 3);
        seconds(0.5);
        DomePosition stored = head.position();
        head.store(7);
        head.setSpeed(-15, 15, -3);
        seconds(0.7);
        head.setSpeed(0, 0, 0);

        assertTrue(head.recall(7));
        seconds(5);
        assertEquals(stored, head.position());
        assertFalse(head.recall(8), "never stored");
    }

    @Test
    void theBitmapListsStoredPresets() {
        head.store(1);
        head.store(34);
        byte[] bits = head.presetBitmap();
        assertEquals(1, bits[3]);
        assertEquals(2, bits[7]);
    }
}
