package org.fieldcast.ptz;

import org.fieldcast.http.StatusException;

/** A move was renewed past {@code fieldcast.ptz.max-move}; the camera has been stopped. Mapped to 409. */
public class MoveLimitException extends StatusException {
    public MoveLimitException(String message) {
        super(409, message);
    }
}
