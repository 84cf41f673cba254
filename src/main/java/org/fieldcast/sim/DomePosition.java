package org.fieldcast.sim;

/**
 * Where a simulated dome points: pan 0..360 degrees, tilt 0 (the horizon) .. 90 (straight down),
 * zoom factor 1..30.
 */
public record DomePosition(double pan, double tilt, double zoom) {
}
