package org.fieldcast.http;

/**
 * An exception a feature throws that knows the HTTP status it means, so the one error mapper
 * ({@link ApiErrorMapper}) translates every feature's failures without importing any feature.
 */
public abstract class StatusException extends RuntimeException {
    private final int status;

    protected StatusException(int status, String message) {
        this(status, message, null);
    }

    protected StatusException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = checked(status);
    }

    /** For expected refusals, which a hostile client may cause at will: no stack trace is made. */
    protected StatusException(int status, String message, boolean withStackTrace) {
        super(message, null, false, withStackTrace);
        this.status = checked(status);
    }

    /** The status a client gets: 4xx for its own mistakes, 5xx where Fieldcast or a camera failed. */
    public int status() {
        return status;
    }

    private static int checked(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        return status;
    }
}
