package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The dome's picture is cut from the panorama where it points. */
class PtzFramesTest {
    private static final int W = 160;
    private static final int H = 90;

    private final FlagBank alarms = new FlagBank(4);
    private final PtzFrames frames = new PtzFrames(W, H, 25, new PtzHead(() -> 0L), alarms);

    private byte[] render(double pan, double tilt, double zoom) {
        return frames.render(new DomePosition(pan, tilt, zoom)).clone();
    }

    /** The picture above the readout, which changes with every position by design. */
    private static byte[] scene(byte[] frame) {
        return Arrays.copyOf(frame, W * 3 * (H / 2));
    }

    @Test
    void theSamePositionGivesTheSamePicture() {
        assertArrayEquals(render(100, 20, 1), render(100, 20, 1));
    }

    @Test
    void panTiltAndZoomEachChangeThePicture() {
        byte[] base = scene(render(100, 20, 1));

        assertFalse(Arrays.equals(base, scene(render(104, 20, 1))), "pan");
        assertFalse(Arrays.equals(base, scene(render(100, 24, 1))), "tilt");
        assertFalse(Arrays.equals(base, scene(render(100, 20, 2))), "zoom");
    }

    @Test
    void panWrapsAroundNorth() {
        assertArrayEquals(scene(render(359.999, 20, 1)), scene(render(-0.001, 20, 1)));
    }

    @Test
    void aRaisedAlarmFramesThePictureInRed() {
        alarms.set(2, true);
        byte[] frame = render(100, 20, 1);
        int middleLeft = ((H / 2) * W) * 3; // first pixel of the middle row, inside the border

        assertTrue((frame[middleLeft + 2] & 0xff) > 180 && (frame[middleLeft + 1] & 0xff) < 60, "red border (BGR)");
        assertEquals(W * H * 3, frame.length);
    }
}
