package org.fieldcast.ptz;

/** The camera did not answer in time. Mapped to 504. */
public class CameraTimeoutException extends CameraException {
    public CameraTimeoutException(String message, Throwable cause) {
        super(504, message, cause);
    }
}
