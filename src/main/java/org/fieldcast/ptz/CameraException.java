package org.fieldcast.ptz;

/**
 * A camera could not carry out a PTZ or alarm command: unreachable, refused the credentials or the
 * certificate, or answered nonsense. The message says which camera and why; it never holds credentials.
 * Mapped to 502, as Fieldcast is the gateway to the camera.
 */
public class CameraException extends RuntimeException {
    public CameraException(String message) {
        super(message);
    }

    public CameraException(String message, Throwable cause) {
        super(message, cause);
    }
}
