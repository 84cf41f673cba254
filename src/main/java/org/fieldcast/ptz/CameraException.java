package org.fieldcast.ptz;

import org.fieldcast.http.StatusException;

/**
 * A camera could not carry out a PTZ or alarm command: unreachable, refused the credentials or the
 * certificate, or answered nonsense. The message says which camera and why; it never holds credentials.
 * Mapped to 502, as Fieldcast is the gateway to the camera.
 */
public class CameraException extends StatusException {
    public CameraException(String message) {
        super(502, message);
    }

    /** For a kind of camera failure with a status of its own (a timeout is a 504). */
    protected CameraException(int status, String message, Throwable cause) {
        super(status, message, cause);
    }

    public CameraException(String message, Throwable cause) {
        super(502, message, cause);
    }
}
