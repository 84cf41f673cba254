package org.fieldcast.camera;

/** A camera's web interface did not answer as asked; the message is safe to show (no credentials). */
public class CameraHttpException extends RuntimeException {
    public CameraHttpException(String message) {
        super(message);
    }

    public CameraHttpException(String message, Throwable cause) {
        super(message, cause);
    }
}
