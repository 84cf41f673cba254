package org.fieldcast.ptz;

import java.util.Locale;

/**
 * A continuous pan / tilt / zoom speed in Bosch steps: pan and tilt -15..15, zoom -7..7, positive =
 * right / up / in (RCP+ 2.2). Operators speak -1..1; any non-zero deflection moves at least one step,
 * full deflection is the top step.
 */
public record PtzVelocity(int pan, int tilt, int zoom) {
    public static final int PAN_TILT_STEPS = 15;
    public static final int ZOOM_STEPS = 7;
    public static final PtzVelocity STOP = new PtzVelocity(0, 0, 0);

    public PtzVelocity {
        requireSteps("pan", pan, PAN_TILT_STEPS);
        requireSteps("tilt", tilt, PAN_TILT_STEPS);
        requireSteps("zoom", zoom, ZOOM_STEPS);
    }

    /**
     * @param pan  -1 (left) .. 1 (right)
     * @param tilt -1 (down) .. 1 (up)
     * @param zoom -1 (wide) .. 1 (tele)
     * @throws IllegalArgumentException for a value outside -1..1 or not a number
     */
    public static PtzVelocity fromUnit(double pan, double tilt, double zoom) {
        return new PtzVelocity(steps("pan", pan, PAN_TILT_STEPS), steps("tilt", tilt, PAN_TILT_STEPS),
                steps("zoom", zoom, ZOOM_STEPS));
    }

    public boolean isStop() {
        return pan == 0 && tilt == 0 && zoom == 0;
    }

    /** The three speed bytes: bit 7 = right / up / in, low bits = speed (RCP+ 2.2). */
    byte[] speedBytes() {
        return new byte[] {encode(pan), encode(tilt), encode(zoom)};
    }

    private static byte encode(int steps) {
        return (byte) (steps > 0 ? 0x80 | steps : -steps);
    }

    private static int steps(String axis, double value, int top) {
        if (Double.isNaN(value) || value < -1 || value > 1) {
            throw new IllegalArgumentException(axis + " speed must be between -1 and 1, was " + value);
        }
        int steps = (int) Math.ceil(Math.abs(value) * top - 1e-9);
        return value < 0 ? -steps : steps;
    }

    private static void requireSteps(String axis, int steps, int top) {
        if (Math.abs(steps) > top) {
            throw new IllegalArgumentException(axis + " steps must be within -" + top + ".." + top + ", was " + steps);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pan %+d tilt %+d zoom %+d", pan, tilt, zoom);
    }
}
