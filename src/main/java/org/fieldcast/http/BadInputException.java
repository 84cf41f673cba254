package org.fieldcast.http;

/**
 * A request the client has to change: malformed, too large, or of a type this endpoint does not
 * take. Carries its own 4xx status, so it maps without the mapper knowing where it came from.
 */
public class BadInputException extends StatusException {
    public BadInputException(int status, String message) {
        super(checked(status), message, false); // the client's mistake: a stack trace would tell nobody anything
    }

    private static int checked(int status) {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("not a client error status: " + status);
        }
        return status;
    }
}
