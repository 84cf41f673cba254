package org.fieldcast.ptz;

import java.time.Duration;

/**
 * What the PTZ feature is configured with, handed to each camera as values. Keys and defaults are
 * declared in {@link PtzCameras}.
 *
 * @param lease           how long a move runs without renewal before Fieldcast stops the camera
 * @param commandGap      the least time between a camera's answer and the next command to it
 * @param timeout         how long one rcp.xml request may take, connecting included
 * @param maxMove         the longest a move may be renewed for; then the camera stops and the operator presses again
 * @param queueLimit      commands that may wait for one camera
 */
public record PtzSettings(Duration lease, Duration commandGap, Duration timeout, Duration maxMove, int queueLimit) {

    public PtzSettings {
        if (lease.toMillis() < 200) {
            throw new IllegalArgumentException("fieldcast.ptz.lease must be at least 0.2 s, was " + lease);
        }
        if (commandGap.isNegative()) {
            throw new IllegalArgumentException("fieldcast.ptz.command-gap must not be negative, was " + commandGap);
        }
        if (timeout.toMillis() < 100) {
            throw new IllegalArgumentException("fieldcast.ptz.timeout must be at least 0.1 s, was " + timeout);
        }
        if (maxMove.compareTo(lease) < 0) {
            throw new IllegalArgumentException("fieldcast.ptz.max-move must be at least the lease, was " + maxMove);
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("the PTZ queue limit must be at least 1, was " + queueLimit);
        }
    }
}
