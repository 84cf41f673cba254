package org.fieldcast.ptz;

/** Too many commands are already waiting for this camera (they leave at most one per 100 ms). Mapped to 503. */
public class CameraBusyException extends RuntimeException {
    public CameraBusyException(String message) {
        super(message);
    }
}
