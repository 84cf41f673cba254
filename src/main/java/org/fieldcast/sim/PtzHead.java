package org.fieldcast.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The mechanics of a simulated dome: where it points and how it moves. A continuous speed (Bicom
 * 0x0110, RCP+ 2.2) runs until a new one arrives, like a real dome, which has no watchdog; the
 * position is integrated over time and clamped: pan wraps at 360 degrees, tilt runs from 0 (the
 * horizon) to 90 (straight down), zoom from 1x to 30x. Pan and tilt speeds shrink with zoom
 * (proportional speed, as domes offer), so a zoomed view stays steerable. A recalled preset is
 * reached at the dome's top speed.
 */
final class PtzHead {
    static final double TILT_MIN = 0;
    static final double TILT_MAX = 90;
    static final double ZOOM_MIN = 1;
    static final double ZOOM_MAX = 30;
    /** Degrees per second of one pan or tilt step at 1x: step 15 turns 90 degrees a second. */
    static final double DEGREES_PER_STEP = 6;
    /** Zoom steps change the zoom factor exponentially: step 7 spans 1x to 30x in about 3 s. */
    static final double LOG_ZOOM_PER_STEP = Math.log(ZOOM_MAX) / 3 / 7;
    /** Preset recalls run at the top speed (RCP+ 3.1); here in degrees per second. */
    static final double PRESET_SPEED = 300;

    private final LongSupplier nanoTime;
    private final Map<Integer, DomePosition> presets = new HashMap<>();
    private DomePosition position = new DomePosition(0, 8, 1); // the horizon in the upper third
    private int panSteps;
    private int tiltSteps;
    private int zoomSteps;
    private DomePosition target; // a preset being approached, or null
    private long updated;

    PtzHead(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.updated = nanoTime.getAsLong();
    }

    /** Sets the continuous speed: steps -15..15 (pan right / tilt up positive), zoom -7..7 (in positive); all 0 stops. */
    synchronized void setSpeed(int pan, int tilt, int zoom) {
        advance();
        panSteps = pan;
        tiltSteps = tilt;
        zoomSteps = zoom;
        target = null;
    }

    synchronized boolean moving() {
        advance();
        return panSteps != 0 || tiltSteps != 0 || zoomSteps != 0 || target != null;
    }

    synchronized DomePosition position() {
        advance();
        return position;
    }

    synchronized void store(int preset) {
        advance();
        presets.put(preset, position);
    }

    /** Heads for a stored preset, stopping any continuous move; false when it was never stored. */
    synchronized boolean recall(int preset) {
        advance();
        DomePosition p = presets.get(preset);
        if (p == null) {
            return false;
        }
        panSteps = 0;
        tiltSteps = 0;
        zoomSteps = 0;
        target = p;
        return true;
    }

    /** Bitmap of stored presets 1..256: bit j of word i is preset i*32 + j + 1 (RCP+ 3.1). */
    synchronized byte[] presetBitmap() {
        byte[] words = new byte[32];
        for (int n : presets.keySet()) {
            int i = (n - 1) / 32;
            int bit = (n - 1) % 32;
            words[i * 4 + 3 - bit / 8] |= (byte) (1 << (bit % 8));
        }
        return words;
    }

    private void advance() {
        long now = nanoTime.getAsLong();
        double dt = (now - updated) / 1e9;
        updated = now;
        if (dt <= 0) {
            return;
        }
        if (target != null) {
            approach(dt);
            return;
        }
        double zoom = clamp(position.zoom() * Math.exp(zoomSteps * LOG_ZOOM_PER_STEP * dt), ZOOM_MIN, ZOOM_MAX);
        double pan = wrap(position.pan() + panSteps * DEGREES_PER_STEP / zoom * dt);
        // Tilt is measured downwards, so tilting up makes it smaller.
        double tilt = clamp(position.tilt() - tiltSteps * DEGREES_PER_STEP / zoom * dt, TILT_MIN, TILT_MAX);
        position = new DomePosition(pan, tilt, zoom);
    }

    private void approach(double dt) {
        double step = PRESET_SPEED * dt;
        double dPan = ((target.pan() - position.pan() + 540) % 360) - 180; // the short way round
        double dTilt = target.tilt() - position.tilt();
        double dZoom = Math.log(target.zoom()) - Math.log(position.zoom());
        double zoomStep = Math.log(ZOOM_MAX) * dt * 2; // the whole zoom range in half a second
        boolean arrived = Math.abs(dPan) <= step && Math.abs(dTilt) <= step && Math.abs(dZoom) <= zoomStep;
        if (arrived) {
            position = target;
            target = null;
            return;
        }
        position = new DomePosition(wrap(position.pan() + clamp(dPan, -step, step)),
                position.tilt() + clamp(dTilt, -step, step),
                Math.exp(Math.log(position.zoom()) + clamp(dZoom, -zoomStep, zoomStep)));
    }

    private static double wrap(double pan) {
        double p = pan % 360;
        return p < 0 ? p + 360 : p;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
