package org.fieldcast.ptz;

/** A move was renewed past {@code fieldcast.ptz.max-move}; the camera has been stopped. Mapped to 409. */
public class MoveLimitException extends RuntimeException {
    public MoveLimitException(String message) {
        super(message);
    }
}
