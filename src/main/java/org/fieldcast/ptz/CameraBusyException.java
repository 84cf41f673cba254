package org.fieldcast.ptz;

import org.fieldcast.http.StatusException;

/** Too many commands are already waiting for this camera (they leave at most one per 100 ms). Mapped to 503. */
public class CameraBusyException extends StatusException {
    public CameraBusyException(String message) {
        super(503, message);
    }
}
