package org.fieldcast.stream;

/** The camera exists but its stream cannot be served now (disabled, failing, not started in time). */
public class StreamUnavailableException extends RuntimeException {
    public StreamUnavailableException(String message) {
        super(message);
    }
}
