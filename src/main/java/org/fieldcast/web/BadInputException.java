package org.fieldcast.web;

/**
 * A request the client has to change: malformed, too large, or of a type this endpoint does not
 * take. Carries its own 4xx status, so it maps without the mapper knowing where it came from.
 */
public class BadInputException extends RuntimeException {
    private final int status;

    public BadInputException(int status, String message) {
        super(message, null, false, false); // the client's mistake: a stack trace would tell nobody anything
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("not a client error status: " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }
}
