package org.fieldcast.ptz;

/**
 * A move the server holds for the operator: the Bosch steps it sent (pan and tilt -15..15, zoom
 * -7..7, positive = right / up / in) and how long it runs unless renewed.
 */
public record MoveAccepted(int panStep, int tiltStep, int zoomStep, long leaseMillis) {

    public static MoveAccepted of(PtzVelocity v, long leaseMillis) {
        return new MoveAccepted(v.pan(), v.tilt(), v.zoom(), v.isStop() ? 0 : leaseMillis);
    }
}
