package org.fieldcast.camera;

import java.io.IOException;
import java.net.http.HttpTimeoutException;

/**
 * A camera's web interface did not answer as asked; the message says which camera and why, and is
 * safe to show (no credentials). When the camera was not reached at all (no connection, TLS refused,
 * no answer in time) the cause is the I/O failure.
 */
public class CameraHttpException extends RuntimeException {
    public CameraHttpException(String message) {
        super(message);
    }

    public CameraHttpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the camera never answered: its route may be worth choosing again. */
    public boolean unreachable() {
        return getCause() instanceof IOException;
    }

    /** True when the camera did not answer in time (it may still have received the request). */
    public boolean timedOut() {
        return getCause() instanceof HttpTimeoutException;
    }
}
