package org.fieldcast.ptz;

/** Where a dome points, as it reports it (Bicom objects 0x0112 and 0x0113: radians x 10000, read as degrees). */
public record PtzPosition(double panDegrees, double tiltDegrees) {
}
